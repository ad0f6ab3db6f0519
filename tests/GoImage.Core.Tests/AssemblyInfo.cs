// Every test builds its own inputs (and its own temporary folder), so methods can run in parallel.
[assembly: Parallelize(Scope = ExecutionScope.MethodLevel)]
