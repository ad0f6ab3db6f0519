using System.Text.RegularExpressions;

namespace GoImage.Core.Tests.Registry.Fakes;

/// <summary>
/// A fault a fake server injects into the requests it matches, built fluently:
/// <c>FaultRule.ForMethod("PUT").PathContains("/manifests/").Times(2).Respond(503)</c>.
/// </summary>
/// <remarks>
/// A rule matches a request by method and by every path or query predicate given. Matching requests are counted
/// (1, 2, 3, …); the rule fires on those numbered from <see cref="StartingAt"/> (1 by default) for <see cref="Times"/>
/// requests (unbounded by default). Rules are checked in the order they were added, before authentication unless
/// <see cref="AfterAuthentication"/> was called; the first firing rule whose action answers the request wins, while
/// <see cref="Delay"/>, <see cref="AddResponseHeader"/>, <see cref="ReplaceResponseHeader"/> and <see cref="CutOffResponseAfterBytes"/> rules only change the normal answer.
/// </remarks>
public sealed class FaultRule
{
    private readonly string? _method;
    private readonly List<Func<string, string, bool>> _predicates = [];
    private int _first = 1;
    private int _count = int.MaxValue;
    private int _matches;
    private int _hits;

    private FaultRule(string? method) => _method = method;

    /// <summary>Which action the rule takes.</summary>
    public FaultActionKind Action { get; private set; }

    /// <summary>The status code answered by <see cref="Respond"/> or <see cref="RedirectTo"/>.</summary>
    public int StatusCode { get; private set; }

    /// <summary>The error code in the JSON body answered by <see cref="Respond"/>, or <see langword="null"/> for none.</summary>
    public string? ErrorCode { get; private set; }

    /// <summary>The <c>Retry-After</c> value answered by <see cref="Respond"/>, or <see langword="null"/>.</summary>
    public string? RetryAfter { get; private set; }

    /// <summary>How many request-body bytes <see cref="ResetAfterBodyBytes"/> reads before dropping the connection.</summary>
    public long ResetAfterBytes { get; private set; }

    /// <summary>How many response-body bytes <see cref="CutOffResponseAfterBytes"/> sends before dropping the connection.</summary>
    public long CutOffAfterBytes { get; private set; }

    /// <summary>Where <see cref="RedirectTo"/> sends the client (or the base that keeps the path).</summary>
    public Uri? RedirectLocation { get; private set; }

    /// <summary>Whether <see cref="RedirectPreservingPath"/> was used.</summary>
    public bool RedirectKeepsPath { get; private set; }

    /// <summary>How long <see cref="Delay"/> waits.</summary>
    public TimeSpan DelayDuration { get; private set; }

    /// <summary>The header name added by <see cref="AddResponseHeader"/>.</summary>
    public string? HeaderName { get; private set; }

    /// <summary>The header value added by <see cref="AddResponseHeader"/>.</summary>
    public string? HeaderValue { get; private set; }

    /// <summary>Whether the rule is checked after authentication succeeded rather than before it.</summary>
    public bool RunsAfterAuthentication { get; private set; }

    /// <summary>How many requests matched the rule's method and predicates so far.</summary>
    public int Matches => Volatile.Read(ref _matches);

    /// <summary>How many times the rule fired so far.</summary>
    public int Hits => Volatile.Read(ref _hits);

    /// <summary>A rule for requests with this HTTP method (case-insensitive).</summary>
    public static FaultRule ForMethod(string method)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(method);
        return new FaultRule(method.ToUpperInvariant());
    }

    /// <summary>A rule for requests with any HTTP method.</summary>
    public static FaultRule ForAnyMethod() => new(null);

    /// <summary>Only requests whose path contains <paramref name="text"/> (ordinal).</summary>
    public FaultRule PathContains(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        _predicates.Add((path, _) => path.Contains(text, StringComparison.Ordinal));
        return this;
    }

    /// <summary>Only requests whose path matches the regular expression <paramref name="pattern"/>.</summary>
    public FaultRule PathMatches(string pattern)
    {
        var regex = new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        _predicates.Add((path, _) => regex.IsMatch(path));
        return this;
    }

    /// <summary>Only requests whose query string (with its <c>?</c>) contains <paramref name="text"/> (ordinal).</summary>
    public FaultRule QueryContains(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        _predicates.Add((_, query) => query.Contains(text, StringComparison.Ordinal));
        return this;
    }

    /// <summary>Fires on at most <paramref name="count"/> matching requests (from <see cref="StartingAt"/> on).</summary>
    public FaultRule Times(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        _count = count;
        return this;
    }

    /// <summary>Fires from the <paramref name="nth"/> matching request on (1-based).</summary>
    public FaultRule StartingAt(int nth)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(nth);
        _first = nth;
        return this;
    }

    /// <summary>Fires on the <paramref name="nth"/> matching request only (1-based).</summary>
    public FaultRule Nth(int nth) => StartingAt(nth).Times(1);

    /// <summary>Checks the rule only for requests that passed authentication (so 401 challenges are not counted).</summary>
    public FaultRule AfterAuthentication()
    {
        RunsAfterAuthentication = true;
        return this;
    }

    /// <summary>
    /// Answers <paramref name="statusCode"/> with an error JSON body carrying <paramref name="errorCode"/> (when given)
    /// and a <c>Retry-After</c> header (seconds or an HTTP date, sent as given).
    /// </summary>
    public FaultRule Respond(int statusCode, string? errorCode = null, string? retryAfter = null)
    {
        SetAction(FaultActionKind.Respond);
        StatusCode = statusCode;
        ErrorCode = errorCode;
        RetryAfter = retryAfter;
        return this;
    }

    /// <summary>Reads <paramref name="bytes"/> bytes of the request body (or all of it, when shorter), then drops the connection.</summary>
    public FaultRule ResetAfterBodyBytes(long bytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        SetAction(FaultActionKind.Reset);
        ResetAfterBytes = bytes;
        return this;
    }

    /// <summary>Never answers: waits until the client aborts the request or the server stops.</summary>
    public FaultRule Hang()
    {
        SetAction(FaultActionKind.Hang);
        return this;
    }

    /// <summary>Answers a redirect (307 by default) to the absolute <paramref name="location"/>.</summary>
    public FaultRule RedirectTo(Uri location, int statusCode = 307)
    {
        ArgumentNullException.ThrowIfNull(location);
        if (!location.IsAbsoluteUri)
        {
            throw new ArgumentException("A redirect target must be absolute.", nameof(location));
        }

        SetAction(FaultActionKind.Redirect);
        RedirectLocation = location;
        StatusCode = statusCode;
        return this;
    }

    /// <summary>Answers a redirect (307 by default) to the same path and query on another server.</summary>
    public FaultRule RedirectPreservingPath(Uri baseAddress, int statusCode = 307)
    {
        RedirectTo(baseAddress, statusCode);
        RedirectKeepsPath = true;
        return this;
    }

    /// <summary>Waits <paramref name="duration"/>, then handles the request normally.</summary>
    public FaultRule Delay(TimeSpan duration)
    {
        SetAction(FaultActionKind.Delay);
        DelayDuration = duration;
        return this;
    }

    /// <summary>Handles the request normally, adding a response header (for example <c>Warning: 299 - "…"</c>).</summary>
    public FaultRule AddResponseHeader(string name, string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        SetAction(FaultActionKind.AddHeader);
        HeaderName = name;
        HeaderValue = value;
        return this;
    }

    /// <summary>
    /// Handles the request normally, but answers <paramref name="name"/> with <paramref name="value"/> whatever the handler
    /// set (for example a manifest PUT's <c>Docker-Content-Digest</c>).
    /// </summary>
    public FaultRule ReplaceResponseHeader(string name, string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        SetAction(FaultActionKind.ReplaceHeader);
        HeaderName = name;
        HeaderValue = value;
        return this;
    }

    /// <summary>Handles the request normally, but sends only <paramref name="bytes"/> bytes of the response body, then drops the connection.</summary>
    public FaultRule CutOffResponseAfterBytes(long bytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        SetAction(FaultActionKind.CutOffResponse);
        CutOffAfterBytes = bytes;
        return this;
    }

    /// <summary>The rule in words, for test failure messages.</summary>
    public override string ToString() =>
        $"{_method ?? "*"} ({_predicates.Count} predicate(s)) from #{_first} x{(_count == int.MaxValue ? "∞" : _count)}: {Action}";

    /// <summary>Counts the request when it matches, and tells whether the rule fires on it.</summary>
    internal bool Fires(string method, string path, string query, bool afterAuthentication)
    {
        if (afterAuthentication != RunsAfterAuthentication)
        {
            return false;
        }

        if (_method is not null && !string.Equals(_method, method, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        foreach (var predicate in _predicates)
        {
            if (!predicate(path, query))
            {
                return false;
            }
        }

        var number = Interlocked.Increment(ref _matches);
        if (number < _first || number - _first >= _count)
        {
            return false;
        }

        Interlocked.Increment(ref _hits);
        return true;
    }

    private void SetAction(FaultActionKind action)
    {
        if (Action != FaultActionKind.None)
        {
            throw new InvalidOperationException($"The rule already has the action {Action}; use one rule per action.");
        }

        Action = action;
    }
}
