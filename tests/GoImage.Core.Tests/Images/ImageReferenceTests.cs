using GoImage.Images;

namespace GoImage.Core.Tests.Images;

[TestClass]
public sealed class ImageReferenceTests
{
    private const string Hex = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    [TestMethod]
    [DataRow("alpine", "docker.io", "library/alpine", "latest")]
    [DataRow("alpine:3.20", "docker.io", "library/alpine", "3.20")]
    [DataRow("user/app:1.0", "docker.io", "user/app", "1.0")]
    [DataRow("docker.io/alpine", "docker.io", "library/alpine", "latest")]
    [DataRow("index.docker.io/library/alpine:edge", "docker.io", "library/alpine", "edge")]
    [DataRow("registry-1.docker.io/user/app", "docker.io", "user/app", "latest")]
    [DataRow("  alpine  ", "docker.io", "library/alpine", "latest")]
    public void DockerHubNames_AreNormalisedAsDockerDoes(string text, string registry, string repository, string tag)
    {
        // Act
        var parsed = ImageReference.TryParse(text, out var reference, out var problem);

        // Assert
        Assert.IsTrue(parsed, problem);
        Assert.IsNotNull(reference);
        Assert.AreEqual(registry, reference.Registry);
        Assert.AreEqual(repository, reference.Repository);
        Assert.AreEqual(tag, reference.Tag);
        Assert.IsNull(reference.Digest);
        Assert.AreEqual("registry-1.docker.io", reference.ApiHost);
    }

    [TestMethod]
    [DataRow("registry.example.com:5000/team/app:1.2", "registry.example.com:5000", "team/app", "1.2")]
    [DataRow("mcr.microsoft.com/cbl-mariner/distroless/minimal:2.0", "mcr.microsoft.com", "cbl-mariner/distroless/minimal", "2.0")]
    [DataRow("localhost/app", "localhost", "app", "latest")]
    [DataRow("localhost:5000/app:dev", "localhost:5000", "app", "dev")]
    [DataRow("127.0.0.1:5000/a/b", "127.0.0.1:5000", "a/b", "latest")]
    [DataRow("[::1]:5000/app:v1", "[::1]:5000", "app", "v1")]
    [DataRow("Registry.Example.COM/app", "registry.example.com", "app", "latest")]
    public void OtherRegistries_KeepTheirHostAndPort_AndAreTheirOwnApiHost(string text, string registry, string repository, string tag)
    {
        // Act
        var parsed = ImageReference.TryParse(text, out var reference, out var problem);

        // Assert
        Assert.IsTrue(parsed, problem);
        Assert.IsNotNull(reference);
        Assert.AreEqual(registry, reference.Registry);
        Assert.AreEqual(repository, reference.Repository);
        Assert.AreEqual(tag, reference.Tag);
        Assert.AreEqual(registry, reference.ApiHost);
    }

    [TestMethod]
    public void DigestOnly_HasNoTag_AndAsksForTheDigest()
    {
        // Act
        var parsed = ImageReference.TryParse($"alpine@sha256:{Hex}", out var reference, out var problem);

        // Assert
        Assert.IsTrue(parsed, problem);
        Assert.IsNotNull(reference);
        Assert.AreEqual("library/alpine", reference.Repository);
        Assert.IsNull(reference.Tag);
        Assert.AreEqual($"sha256:{Hex}", reference.Digest.ToString());
        Assert.AreEqual($"sha256:{Hex}", reference.Reference);
        Assert.AreEqual($"docker.io/library/alpine@sha256:{Hex}", reference.ToString());
    }

    [TestMethod]
    public void TagAndDigest_KeepsBoth_AndTheDigestWins()
    {
        // Act
        var parsed = ImageReference.TryParse($"localhost:5000/app:1.0@sha256:{Hex}", out var reference, out var problem);

        // Assert
        Assert.IsTrue(parsed, problem);
        Assert.IsNotNull(reference);
        Assert.AreEqual("localhost:5000", reference.Registry);
        Assert.AreEqual("app", reference.Repository);
        Assert.AreEqual("1.0", reference.Tag);
        Assert.AreEqual($"sha256:{Hex}", reference.Reference);
    }

    [TestMethod]
    public void WithDigest_PinsTheReference_AndKeepsTheTagForPeople()
    {
        // Arrange
        Assert.IsTrue(ImageReference.TryParse("alpine:3.20", out var reference, out _));
        Assert.IsNotNull(reference);
        Assert.IsTrue(GoImage.Images.Digest.TryParse($"sha256:{Hex}", out var digest));

        // Act
        var pinned = reference.WithDigest(digest);

        // Assert
        Assert.AreEqual($"docker.io/library/alpine:3.20@sha256:{Hex}", pinned.ToString());
        Assert.AreEqual(digest.ToString(), pinned.Reference);
    }

    [TestMethod]
    [DataRow("alpine")]
    [DataRow("user/app:1.0")]
    [DataRow("localhost:5000/app:dev")]
    [DataRow("registry.example.com:5000/team/app:1.2")]
    [DataRow("ghcr.io/owner/image@sha256:" + Hex)]
    [DataRow("ghcr.io/owner/image:v2@sha256:" + Hex)]
    [DataRow("[::1]:5000/app")]
    public void ToString_ParsesBackToTheSameReference(string text)
    {
        // Arrange
        Assert.IsTrue(ImageReference.TryParse(text, out var reference, out var problem), problem);
        Assert.IsNotNull(reference);

        // Act
        var again = ImageReference.TryParse(reference.ToString(), out var reparsed, out problem);

        // Assert
        Assert.IsTrue(again, problem);
        Assert.IsNotNull(reparsed);
        Assert.AreEqual(reference, reparsed);
        Assert.AreEqual(reference.ToString(), reparsed.ToString());
    }

    [TestMethod]
    [DataRow("", "empty")]
    [DataRow("   ", "empty")]
    [DataRow("Alpine", "uppercase")]
    [DataRow("docker.io/Library/alpine", "uppercase")]
    [DataRow("alpine:", "tag ''")]
    [DataRow("alpine:-bad", "tag '-bad'")]
    [DataRow("alpine:a+b", "tag 'a+b'")]
    [DataRow("alpine@sha256:abc", "not a sha256 digest")]
    [DataRow("alpine@sha256:" + "0123456789ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef", "not a sha256 digest")]
    [DataRow("alpine@md5:0123", "not a sha256 digest")]
    [DataRow("team//app", "repository")]
    [DataRow("team/app/", "repository")]
    [DataRow("my_registry.com/app", "host")]
    [DataRow("registry.example.com:port/app", "host")]
    [DataRow("registry.example.com:/app", "host")]
    [DataRow("-registry.example.com/app", "host")]
    [DataRow("https://registry.example.com/app", "https://")]
    [DataRow("@sha256:" + Hex, "repository")]
    public void InvalidReferences_AreRefused_WithAReason(string text, string reasonPart)
    {
        // Act
        var parsed = ImageReference.TryParse(text, out var reference, out var problem);

        // Assert
        Assert.IsFalse(parsed, $"parsed as {reference}");
        Assert.IsNull(reference);
        StringAssert.Contains(problem, reasonPart);
    }
}
