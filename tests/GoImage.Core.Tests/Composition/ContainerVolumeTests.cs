using System.Text;
using GoImage.Composition;
using GoImage.Diagnostics;
using GoImage.Images;

namespace GoImage.Core.Tests.Composition;

[TestClass]
public sealed class ContainerVolumeTests
{
    [TestMethod]
    public void Volumes_AreWrittenInTheSpecsPlace_SortedAndOnce()
    {
        var config = new ImageConfig(SampleImage.Amd64, new ContainerConfig { Cmd = ["-v"], Volumes = ["/var/lib/app", "/data", "/data"] }, DateTimeOffset.UnixEpoch);

        var json = Encoding.UTF8.GetString(config.ToBlob().Content);

        StringAssert.Contains(json, "\"config\":{\"User\":\"65532:65532\",\"Cmd\":[\"-v\"],\"Volumes\":{\"/data\":{},\"/var/lib/app\":{}},\"WorkingDir\":\"/\"}");
    }

    [TestMethod]
    public void Validator_NormalisesVolumes_AndCodesBadOnes()
    {
        var diagnostics = new List<Diagnostic>();
        var request = new ImageRequest { ProjectName = "hello", AppPath = "/app/hello", Volumes = ["/var/lib/app/", "//data"] };

        var definition = ImageRequestValidator.Validate(request, diagnostics);

        CollectionAssert.AreEqual(new[] { "/data", "/var/lib/app" }, definition!.Config.Volumes.ToArray());
        Assert.IsNull(ImageRequestValidator.Validate(request with { Volumes = ["data", "/"] }, diagnostics));
        CollectionAssert.AreEqual(new[] { "GOI2020", "GOI2020" }, diagnostics.Select(d => d.Code).ToArray());
    }
}
