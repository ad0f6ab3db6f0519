using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace GoImage.Core.Tests.Registry.Fakes;

/// <summary>Writes distribution-spec error bodies: <c>{"errors":[{"code":…,"message":…,"detail":…}]}</c>.</summary>
internal static class RegistryErrors
{
    public static byte[] Body(string code, string message, string? detail = null)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("errors");
            json.WriteStartObject();
            json.WriteString("code", code);
            json.WriteString("message", message);
            if (detail is null)
            {
                json.WriteNull("detail");
            }
            else
            {
                json.WriteString("detail", detail);
            }

            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// Answers <paramref name="status"/> with an error body (none for HEAD), after reading what is left of the request
    /// body so the client is not cut off while it still sends.
    /// </summary>
    public static async Task WriteAsync(HttpContext context, int status, string? code, string message, string? detail = null)
    {
        await DrainAsync(context).ConfigureAwait(false);
        var response = context.Response;
        response.StatusCode = status;
        if (code is null)
        {
            response.ContentLength = 0;
            return;
        }

        var body = Body(code, message, detail);
        response.ContentType = "application/json";
        response.ContentLength = body.Length;
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
        }
    }

    /// <summary>Reads and discards the rest of the request body.</summary>
    public static Task DrainAsync(HttpContext context) =>
        context.Request.Body.CopyToAsync(Stream.Null, context.RequestAborted);
}
