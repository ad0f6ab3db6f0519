using System.Text;
using GoImage.Diagnostics;
using GoImage.Layers;

namespace GoImage.Core.Tests.Layers;

[TestClass]
public sealed class ImageAccountsTests
{
    private static ImageAccounts Accounts(AccountFiles files, List<Diagnostic> diagnostics, params UserAccount[] accounts) =>
        ImageAccounts.Create(() => files, accounts, diagnostics);

    private static string Text(IReadOnlyList<LayerEntry> entries, string path) =>
        Encoding.UTF8.GetString(entries.Single(e => e.Path == path).Content!);

    [TestMethod]
    public void PasswdParse_SkipsCommentsNisAndBrokenLines()
    {
        var entries = PasswdEntry.Parse(Encoding.UTF8.GetBytes(
            "# comment\nroot:x:0:0:root:/root:/bin/sh\r\n+nis::::::\nbroken:x:1\nbad:x:uid:1:::\n\napp:x:10001:10002::/home/app:/sbin/nologin"));

        CollectionAssert.AreEqual(
            new[] { new PasswdEntry("root", 0, 0, "/root", "/bin/sh"), new PasswdEntry("app", 10001, 10002, "/home/app", "/sbin/nologin") },
            entries);
        CollectionAssert.AreEqual(new[] { new GroupEntry("root", 0), new GroupEntry("staff", 50) }, GroupEntry.Parse(Encoding.UTF8.GetBytes("root:x:0:\nstaff:x:50:a,b\nnogid:x::\n")));
    }

    [TestMethod]
    [DataRow("nonroot", 65532, 65532)]
    [DataRow("nonroot:root", 65532, 0)]
    [DataRow("nobody:65532", 65534, 65532)]
    [DataRow("65532:nobody", 65532, 65534)]
    [DataRow("65534", 65534, 65534)] // a numeric uid takes its passwd entry's group
    [DataRow("4242", 4242, 0)] // … or 0 when it has none, as runc does
    [DataRow("0", 0, 0)]
    public void Resolve_NamesAndNumbers_AgainstTheStaticBase(string text, int uid, int gid)
    {
        var diagnostics = new List<Diagnostic>();

        var owner = Accounts(AccountFiles.Static, diagnostics).Resolve(text, "ContainerUser", diagnostics);

        Assert.AreEqual(0, diagnostics.Count, string.Join('\n', diagnostics));
        Assert.AreEqual(new Owner(uid, gid), owner);
    }

    [TestMethod]
    public void Resolve_UnknownUser_IsGOI2022_NamingTheUserTheBaseAndItsUsers()
    {
        var diagnostics = new List<Diagnostic>();

        var owner = Accounts(AccountFiles.Static, diagnostics).Resolve("skopeo", "ContainerUser", diagnostics);

        Assert.IsNull(owner);
        var error = diagnostics.Single();
        Assert.AreEqual("GOI2022", error.Code);
        StringAssert.Contains(error.Message, "ContainerUser names the user 'skopeo'");
        StringAssert.Contains(error.Message, "the embedded static base (users: root, nobody, nonroot)");
        StringAssert.Contains(error.Message, "<ContainerUserAccount Include=\"skopeo\" />");
    }

    [TestMethod]
    public void Resolve_UnknownGroup_IsGOI2023_AndAMalformedOwnerGOI2024()
    {
        var diagnostics = new List<Diagnostic>();
        var accounts = Accounts(AccountFiles.Static, diagnostics);

        Assert.IsNull(accounts.Resolve("nonroot:wheel", "ContainerUser", diagnostics));
        Assert.IsNull(accounts.Resolve("a:b:c", "ContainerFile 'x' Owner", diagnostics));
        Assert.IsNull(accounts.Resolve("a b", "ContainerFile 'x' Owner", diagnostics));

        CollectionAssert.AreEqual(new[] { "GOI2023", "GOI2024", "GOI2024" }, diagnostics.Select(d => d.Code).ToArray());
        StringAssert.Contains(diagnostics[0].Message, "the group 'wheel'");
    }

    [TestMethod]
    public void Scratch_KnowsNoNames_ButNumbersNeedNoLookup()
    {
        var diagnostics = new List<Diagnostic>();
        var accounts = Accounts(AccountFiles.Scratch, diagnostics);

        Assert.AreEqual(new Owner(1000, 1000), accounts.Resolve("1000:1000", "ContainerUser", diagnostics));
        Assert.IsNull(accounts.Resolve("root", "ContainerUser", diagnostics));
        StringAssert.Contains(diagnostics.Single().Message, "the scratch base (no /etc/passwd) (users: none)");
    }

    [TestMethod]
    public void NumericOwners_NeverReadTheBase()
    {
        var diagnostics = new List<Diagnostic>();
        var accounts = ImageAccounts.Create(() => throw new AssertFailedException("the base was read"), [], diagnostics);

        Assert.AreEqual(new Owner(65532, 65532), accounts.Resolve("65532:65532", "ContainerUser", diagnostics));
        Assert.AreEqual(0, accounts.LayerEntries().Count);
    }

    [TestMethod]
    public void AddedAccount_AppendsExactLinesToTheBaseFiles_AndCreatesItsHome()
    {
        var diagnostics = new List<Diagnostic>();
        var accounts = Accounts(AccountFiles.Static, diagnostics,
            new UserAccount("app") { Uid = "10001" },
            new UserAccount("worker") { Gid = "65532", Home = "/var/lib/worker", Shell = "/bin/false" });

        Assert.AreEqual(0, diagnostics.Count, string.Join('\n', diagnostics));
        var entries = accounts.LayerEntries();
        Assert.AreEqual(
            "root:x:0:0:root:/root:/sbin/nologin\n" +
            "nobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin\n" +
            "nonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n" +
            "app:x:10001:10001:app:/home/app:/sbin/nologin\n" +
            "worker:x:1000:65532:worker:/var/lib/worker:/bin/false\n",
            Text(entries, "etc/passwd"));
        // worker joins the existing group 65532 (nonroot), so only app gets a group of its own.
        Assert.AreEqual("root:x:0:\nnobody:x:65534:\nnonroot:x:65532:\napp:x:10001:\n", Text(entries, "etc/group"));
        var home = entries.Single(e => e.Path == "home/app");
        Assert.AreEqual((LayerEntryKind.Directory, 10001, 10001, 0b111_000_000), (home.Kind, home.Uid, home.Gid, home.Mode));
        Assert.AreEqual(new Owner(10001, 10001), accounts.Resolve("app", "ContainerUser", diagnostics));
        Assert.AreEqual(new Owner(1000, 65532), accounts.Resolve("worker", "ContainerUser", diagnostics));
    }

    [TestMethod]
    public void AddedAccount_OnABaseWithoutANewline_OrWithoutFiles_StaysLineBased()
    {
        var diagnostics = new List<Diagnostic>();
        var noNewline = new AccountFiles(Encoding.UTF8.GetBytes("root:x:0:0::/root:/bin/sh"), null, "a test base");

        var entries = Accounts(noNewline, diagnostics, new UserAccount("app")).LayerEntries();

        Assert.AreEqual("root:x:0:0::/root:/bin/sh\napp:x:1000:1000:app:/home/app:/sbin/nologin\n", Text(entries, "etc/passwd"));
        Assert.AreEqual("app:x:1000:\n", Text(entries, "etc/group"));
    }

    [TestMethod]
    [DataRow("nonroot", "", "GOI2026", "the user 'nonroot' (uid 65532) in the embedded static base")]
    [DataRow("app", "65534", "GOI2068", "the user 'nobody' with uid 65534")]
    [DataRow("1app", "", "GOI2025", "must start with a letter")]
    [DataRow("a:b", "", "GOI2025", "must start with a letter")]
    [DataRow("app", "-1", "GOI2067", "Uid '-1' is not a whole number")]
    public void BadOrClashingAccounts_AreCoded(string name, string uid, string code, string text)
    {
        var diagnostics = new List<Diagnostic>();

        var accounts = Accounts(AccountFiles.Static, diagnostics, new UserAccount(name) { Uid = uid });

        Assert.AreEqual(code, diagnostics.Single().Code);
        StringAssert.Contains(diagnostics.Single().Message, text);
        Assert.IsFalse(accounts.HasAddedAccounts);
    }

    [TestMethod]
    public void TwoItemsWithOneUid_Clash()
    {
        var diagnostics = new List<Diagnostic>();

        Accounts(AccountFiles.Static, diagnostics, new UserAccount("a") { Uid = "2000" }, new UserAccount("b") { Uid = "2000" });

        StringAssert.Contains(diagnostics.Single().Message, "the user 'a' with uid 2000 in another ContainerUserAccount item");
    }

    [TestMethod]
    public void AGroupNamedLikeTheAccount_WithAnotherGid_Clashes()
    {
        var diagnostics = new List<Diagnostic>();
        var files = new AccountFiles(Encoding.UTF8.GetBytes("root:x:0:0::/:/bin/sh\n"), Encoding.UTF8.GetBytes("root:x:0:\napp:x:77:\n"), "a test base");

        Accounts(files, diagnostics, new UserAccount("app") { Uid = "10001" });

        Assert.AreEqual("GOI2069", diagnostics.Single().Code);
        StringAssert.Contains(diagnostics.Single().Message, "Set Gid=\"77\" to join that group");
    }
}
