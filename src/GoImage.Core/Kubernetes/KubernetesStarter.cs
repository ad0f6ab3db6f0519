using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace GoImage.Kubernetes;

/// <summary>
/// The starter Deployment and Service for a project (<c>goimage new --kubernetes</c>; the dotnet new template ships the
/// same text): the image as <c>goimage://&lt;project&gt;</c>, its ports, exec probes from its health check, and a
/// securityContext that matches the image GoImage.Sdk builds (uid 65532, nothing to write but /tmp).
/// </summary>
public static partial class KubernetesStarter
{
    /// <summary>Renders the manifest for the project <paramref name="projectName"/> (the .goproj file name without extension).</summary>
    /// <param name="projectName">The name goimage:// uses, as the project file spells it.</param>
    /// <param name="ports">ContainerPort items; none: no ports and no Service.</param>
    /// <param name="healthCheck">ContainerHealthCheckCommand in exec form (program, then arguments); empty: no probes.</param>
    /// <param name="probePeriodSeconds">ContainerHealthCheckInterval in seconds.</param>
    /// <param name="probeTimeoutSeconds">ContainerHealthCheckTimeout in seconds.</param>
    public static string Render(string projectName, IReadOnlyList<StarterPort> ports, IReadOnlyList<string> healthCheck, int probePeriodSeconds = 30, int probeTimeoutSeconds = 3)
    {
        var name = ObjectName(projectName);
        var text = new StringBuilder();
        void Line(string line) => text.Append(line).Append('\n');

        Line($"# {projectName}: a Deployment{(ports.Count > 0 ? " and a Service" : "")} for the image GoImage.Sdk builds.");
        Line("# dotnet publish -p:PublishImage=true -p:ContainerRegistry=<registry> writes this file to");
        Line($"# bin/Release/publish/kubernetes/deploy/{projectName}.yaml with the image pinned by digest;");
        Line("# goimage resolve -f deploy/ does the same for several services at once.");
        Line("apiVersion: apps/v1");
        Line("kind: Deployment");
        Line("metadata:");
        Line($"  name: {name}");
        Line("  labels:");
        Line($"    app.kubernetes.io/name: {name}");
        Line("spec:");
        Line("  replicas: 2");
        Line("  selector:");
        Line("    matchLabels:");
        Line($"      app.kubernetes.io/name: {name}");
        Line("  template:");
        Line("    metadata:");
        Line("      labels:");
        Line($"        app.kubernetes.io/name: {name}");
        Line("    spec:");
        Line("      automountServiceAccountToken: false");
        Line("      # The image runs as 65532:65532 (nonroot) and writes nothing outside /tmp.");
        Line("      securityContext:");
        Line("        runAsNonRoot: true");
        Line("        runAsUser: 65532");
        Line("        runAsGroup: 65532");
        Line("        fsGroup: 65532");
        Line("        seccompProfile:");
        Line("          type: RuntimeDefault");
        Line("      containers:");
        Line($"        - name: {name}");
        Line($"          image: {ImageSchemeScalar.Scheme}{projectName}");
        if (ports.Count > 0)
        {
            Line("          ports:");
            foreach (var port in ports)
            {
                Line($"            - name: {port.Name}");
                Line($"              containerPort: {port.Number.ToString(CultureInfo.InvariantCulture)}");
                Line($"              protocol: {port.Protocol}");
            }
        }

        if (healthCheck.Count > 0)
        {
            var command = "[" + string.Join(", ", healthCheck.Select(Quote)) + "]";
            foreach (var (probe, period) in new[] { ("livenessProbe", probePeriodSeconds), ("readinessProbe", Math.Min(10, probePeriodSeconds)) })
            {
                Line($"          {probe}:");
                Line("            exec:");
                Line($"              command: {command}");
                Line($"            periodSeconds: {period.ToString(CultureInfo.InvariantCulture)}");
                Line($"            timeoutSeconds: {probeTimeoutSeconds.ToString(CultureInfo.InvariantCulture)}");
            }
        }

        Line("          resources:");
        Line("            requests:");
        Line("              cpu: 50m");
        Line("              memory: 64Mi");
        Line("            limits:");
        Line("              memory: 256Mi");
        Line("          securityContext:");
        Line("            allowPrivilegeEscalation: false");
        Line("            readOnlyRootFilesystem: true");
        Line("            capabilities:");
        Line("              drop: [\"ALL\"]");
        Line("          volumeMounts:");
        Line("            - name: tmp");
        Line("              mountPath: /tmp");
        Line("      volumes:");
        Line("        - name: tmp");
        Line("          emptyDir: {}");
        if (ports.Count > 0)
        {
            Line("---");
            Line("apiVersion: v1");
            Line("kind: Service");
            Line("metadata:");
            Line($"  name: {name}");
            Line("  labels:");
            Line($"    app.kubernetes.io/name: {name}");
            Line("spec:");
            Line("  selector:");
            Line($"    app.kubernetes.io/name: {name}");
            Line("  ports:");
            foreach (var port in ports)
            {
                Line($"    - name: {port.Name}");
                Line($"      port: {port.Number.ToString(CultureInfo.InvariantCulture)}");
                Line($"      targetPort: {port.Name}");
                Line($"      protocol: {port.Protocol}");
            }
        }

        return text.ToString();
    }

    /// <summary>A Kubernetes object name (a DNS-1123 label) for a project name: lowercase, runs of other characters as '-'.</summary>
    public static string ObjectName(string projectName)
    {
        var name = NotLabelCharacters().Replace(projectName.ToLowerInvariant(), "-").Trim('-');
        name = name.Length > 63 ? name[..63].TrimEnd('-') : name;
        return name.Length == 0 ? "app" : name;
    }

    // JSON string quoting (a YAML flow scalar): the probe's arguments may hold ':', '#' or spaces.
    private static string Quote(string value) => System.Text.Json.JsonSerializer.Serialize(value);

    [GeneratedRegex("[^a-z0-9-]+")]
    private static partial Regex NotLabelCharacters();
}
