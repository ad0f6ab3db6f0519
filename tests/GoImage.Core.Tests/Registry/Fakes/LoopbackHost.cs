using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace GoImage.Core.Tests.Registry.Fakes;

/// <summary>Starts a quiet Kestrel on 127.0.0.1 with a port the system chooses, answering every request with one delegate.</summary>
internal static class LoopbackHost
{
    public static async Task<(WebApplication App, int Port)> StartAsync(RequestDelegate handler)
    {
        // The empty builder has no logging provider, no configuration sources and no HTTPS: nothing prints and
        // nothing from the environment (ASPNETCORE_URLS, …) changes where the server listens.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0);
            kestrel.AddServerHeader = false;
            // Blob uploads are as large as a test makes them, and a loaded test machine must not look like a slow client.
            kestrel.Limits.MaxRequestBodySize = null;
            kestrel.Limits.MinRequestBodyDataRate = null;
            kestrel.Limits.MinResponseDataRate = null;
        });
        // Hung requests are released when the fake stops; the rest finishes quickly.
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(2));

        var app = builder.Build();
        try
        {
            app.Run(handler);
            await app.StartAsync().ConfigureAwait(false);
            var addresses = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>();
            var port = new Uri(addresses.Addresses.Single()).Port;
            return (app, port);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public static async Task StopAsync(WebApplication app)
    {
        await app.StopAsync().ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
    }
}
