namespace GoImage.Core.Tests.Registry.Fakes;

/// <summary>The fault rules of a fake server, checked in the order they were added; safe to change while it runs.</summary>
public sealed class FaultRules
{
    private readonly Lock _gate = new();
    private readonly List<FaultRule> _rules = [];

    /// <summary>How many rules there are.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _rules.Count;
            }
        }
    }

    /// <summary>Adds a rule (which must have an action) and returns it, so a test can read its <see cref="FaultRule.Hits"/>.</summary>
    public FaultRule Add(FaultRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        if (rule.Action == FaultActionKind.None)
        {
            throw new ArgumentException("The rule has no action (Respond, ResetAfterBodyBytes, Hang, RedirectTo, …).", nameof(rule));
        }

        lock (_gate)
        {
            _rules.Add(rule);
        }

        return rule;
    }

    /// <summary>Removes every rule.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _rules.Clear();
        }
    }

    /// <summary>The rules, in order, as they are now.</summary>
    internal FaultRule[] Snapshot()
    {
        lock (_gate)
        {
            return [.. _rules];
        }
    }
}
