using GoImage.Go;

namespace GoImage.Sdk.Tasks;

public sealed partial class GoClaimIntermediateDirectory : GoImageTask
{
    protected override bool ExecuteCore()
    {
        IntermediateDirectoryOwner.Claim(Directory, ProjectFile);
        return true;
    }
}
