namespace GoImage.Core.Tests.Registry.Fakes;

/// <summary>What happened when the fault rules were applied to a request.</summary>
internal enum FaultOutcome
{
    /// <summary>No rule answered: handle the request normally.</summary>
    Continue,

    /// <summary>A rule answered the request.</summary>
    Answered,

    /// <summary>A rule dropped the connection.</summary>
    Aborted,
}
