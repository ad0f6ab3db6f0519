namespace GoImage.Core.Tests.Registry.Fakes;

/// <summary>What a <see cref="FaultRule"/> does to a request it fires on.</summary>
public enum FaultActionKind
{
    /// <summary>No action chosen yet; such a rule cannot be added.</summary>
    None,

    /// <summary>Answer with a status code (and an error JSON body, optionally <c>Retry-After</c>).</summary>
    Respond,

    /// <summary>Read some bytes of the request body, then drop the connection.</summary>
    Reset,

    /// <summary>Never answer; wait until the client gives up (or the registry is disposed).</summary>
    Hang,

    /// <summary>Answer with a redirect.</summary>
    Redirect,

    /// <summary>Wait, then handle the request normally.</summary>
    Delay,

    /// <summary>Handle the request normally, adding a response header.</summary>
    AddHeader,

    /// <summary>Handle the request normally, but answer a header with a value set last (over the handler's own).</summary>
    ReplaceHeader,

    /// <summary>Handle the request normally, but drop the connection after some bytes of the response body.</summary>
    CutOffResponse,
}
