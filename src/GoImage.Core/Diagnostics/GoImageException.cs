namespace GoImage.Diagnostics;

/// <summary>Carries a coded diagnostic out of deep code to the task or tool that reports it.</summary>
public sealed class GoImageException(Diagnostic diagnostic) : Exception(diagnostic.ToString())
{
    public Diagnostic Diagnostic { get; } = diagnostic;
}
