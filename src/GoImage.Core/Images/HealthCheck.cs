namespace GoImage.Images;

/// <summary>
/// Docker's <c>Healthcheck</c> in exec form (<c>CMD</c>): images from this SDK have no shell.
/// Durations are nanoseconds in the config; zero means the engine's default.
/// </summary>
public sealed record HealthCheck(IReadOnlyList<string> Command, TimeSpan Interval, TimeSpan Timeout, TimeSpan StartPeriod, int Retries)
{
    internal void Write(CanonicalJsonWriter json)
    {
        json.StartObject().Name("Test").StringArray(["CMD", .. Command]);
        WriteDuration(json, "Interval", Interval);
        WriteDuration(json, "Timeout", Timeout);
        WriteDuration(json, "StartPeriod", StartPeriod);
        if (Retries > 0)
        {
            json.Property("Retries", Retries);
        }

        json.EndObject();
    }

    private static void WriteDuration(CanonicalJsonWriter json, string name, TimeSpan value)
    {
        if (value > TimeSpan.Zero)
        {
            json.Property(name, value.Ticks * 100);
        }
    }
}
