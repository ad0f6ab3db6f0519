// Every test runs the generator on its own text; nothing is shared.
[assembly: Parallelize(Scope = ExecutionScope.MethodLevel)]
