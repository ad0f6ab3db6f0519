using System.Text;
using System.Text.RegularExpressions;
using GoImage.Diagnostics;

namespace GoImage.Layers;

/// <summary>
/// The users and groups an image will have: the base's /etc/passwd and /etc/group (read only when a
/// name has to be looked up) plus ContainerUserAccount items. Resolves <c>user[:group]</c> texts to
/// numeric ids the way runc does, and writes the account layer's entries.
/// </summary>
public sealed partial class ImageAccounts
{
    private const int FirstUid = 1000; // useradd's first regular uid
    private const int MaximumId = int.MaxValue - 1;
    private const int HomeMode = 0b111_000_000; // 0700, as the base's /home/nonroot
    private const string DefaultShell = "/sbin/nologin";

    private readonly Lazy<AccountFiles> _base;
    private readonly List<PasswdEntry> _added = [];
    private readonly List<GroupEntry> _addedGroups = [];
    private readonly List<LayerEntry> _homes = [];

    private ImageAccounts(Func<AccountFiles> loadBase) => _base = new Lazy<AccountFiles>(loadBase);

    /// <summary>True when ContainerUserAccount items added accounts, so the image needs the account layer.</summary>
    public bool HasAddedAccounts => _added.Count > 0;

    /// <param name="loadBase">Reads the base's account files; called at most once, and only when a name is looked up or accounts are added.</param>
    public static ImageAccounts Create(Func<AccountFiles> loadBase, IReadOnlyList<UserAccount> accounts, List<Diagnostic> diagnostics)
    {
        var result = new ImageAccounts(loadBase);
        foreach (var account in accounts)
        {
            result.Add(account, diagnostics);
        }

        return result;
    }

    /// <summary>
    /// The numeric owner for <c>user</c>, <c>user:group</c>, <c>uid</c> or <c>uid:gid</c>. Without a group,
    /// the user's primary group from /etc/passwd, or 0 when a numeric uid has no entry (runc's rule).
    /// </summary>
    public Owner? Resolve(string text, string where, List<Diagnostic> diagnostics)
    {
        var parts = text.Trim().Split(':');
        if (!IsWellFormed(text))
        {
            diagnostics.Add(Diagnostic.InvalidOwner(where, text, "expected user, user:group, uid or uid:gid without spaces"));
            return null;
        }

        int uid;
        int? primaryGid = null;
        if (PasswdEntry.TryId(parts[0], out uid))
        {
            if (parts.Length == 1)
            {
                primaryGid = Users().LastOrDefault(u => u.Uid == uid)?.Gid ?? 0;
            }
        }
        else if (Users().FirstOrDefault(u => u.Name == parts[0]) is { } entry)
        {
            (uid, primaryGid) = (entry.Uid, entry.Gid);
        }
        else
        {
            diagnostics.Add(Diagnostic.UnknownUserName(where, parts[0], _base.Value.Source, Names(Users().Select(u => u.Name))));
            return null;
        }

        if (parts.Length == 1)
        {
            return new Owner(uid, primaryGid!.Value);
        }

        if (PasswdEntry.TryId(parts[1], out var gid))
        {
            return new Owner(uid, gid);
        }

        if (Groups().FirstOrDefault(g => g.Name == parts[1]) is { } group)
        {
            return new Owner(uid, group.Gid);
        }

        diagnostics.Add(Diagnostic.UnknownGroupName(where, parts[1], _base.Value.Source, Names(Groups().Select(g => g.Name))));
        return null;
    }

    /// <summary>
    /// The account layer's entries: /etc/passwd and /etc/group as the base's bytes plus one line an
    /// added account (a layer replaces a whole file), and each new home folder. Empty when nothing was added.
    /// </summary>
    public IReadOnlyList<LayerEntry> LayerEntries()
    {
        if (_added.Count == 0)
        {
            return [];
        }

        var passwd = Append(_base.Value.Passwd, _added.Select(a => a.ToLine()));
        var group = Append(_base.Value.Group, _addedGroups.Select(g => g.ToLine()));
        return [LayerEntry.File("etc/passwd", passwd), LayerEntry.File("etc/group", group), .. _homes];
    }

    private void Add(UserAccount account, List<Diagnostic> diagnostics)
    {
        var name = account.Name.Trim();
        if (!AccountName().IsMatch(name))
        {
            diagnostics.Add(Diagnostic.InvalidContainerUserAccount(account.Name));
            return;
        }

        if (Users().FirstOrDefault(u => u.Name == name) is { } sameName)
        {
            diagnostics.Add(Diagnostic.UserAccountClash(name, sameName.Name, sameName.Uid, Origin(sameName)));
            return;
        }

        if (!Id(account, "Uid", account.Uid, diagnostics, out var uid) || !Id(account, "Gid", account.Gid, diagnostics, out var gid))
        {
            return;
        }

        if (uid is null)
        {
            uid = FirstUid;
            while (Users().Any(u => u.Uid == uid))
            {
                uid++;
            }
        }
        else if (Users().FirstOrDefault(u => u.Uid == uid) is { } sameUid)
        {
            diagnostics.Add(Diagnostic.UserAccountUidTaken(name, sameUid.Name, uid, Origin(sameUid)));
            return;
        }

        // Like useradd's user groups: a group of the user's name with the uid as gid, unless Gid names an existing group.
        var primary = gid ?? uid.Value;
        if (!Groups().Any(g => g.Gid == primary))
        {
            if (Groups().FirstOrDefault(g => g.Name == name) is { } sameGroup)
            {
                diagnostics.Add(Diagnostic.UserAccountGroupTaken(name, sameGroup.Gid, _base.Value.Source));
                return;
            }

            _addedGroups.Add(new GroupEntry(name, primary));
        }

        var home = account.Home.Trim().Length > 0 ? account.Home.Trim() : "/home/" + name;
        if (!home.StartsWith('/') || home.Contains(':', StringComparison.Ordinal) || home.Split('/').Any(p => p is "." or ".."))
        {
            diagnostics.Add(Diagnostic.UserAccountHomeInvalid(name, account.Home));
            return;
        }

        var shell = account.Shell.Trim().Length > 0 ? account.Shell.Trim() : DefaultShell;
        if (shell.Contains(':', StringComparison.Ordinal))
        {
            diagnostics.Add(Diagnostic.UserAccountShellInvalid(name, account.Shell));
            return;
        }

        _added.Add(new PasswdEntry(name, uid.Value, primary, home, shell));
        if (home is not ("/" or "/nonexistent"))
        {
            _homes.Add(LayerEntry.Directory(home, HomeMode) with { Uid = uid.Value, Gid = primary });
        }
    }

    /// <summary>One or two non-empty parts without white space: what <see cref="Resolve"/> accepts.</summary>
    public static bool IsWellFormed(string text)
    {
        var parts = text.Trim().Split(':');
        return parts.Length <= 2 && parts.All(p => p.Length > 0 && !p.Any(char.IsWhiteSpace));
    }

    private static bool Id(UserAccount account, string metadata, string text, List<Diagnostic> diagnostics, out int? id)
    {
        id = null;
        if (text.Trim().Length == 0)
        {
            return true;
        }

        if (!PasswdEntry.TryId(text.Trim(), out var value) || value > MaximumId)
        {
            diagnostics.Add(Diagnostic.UserAccountIdInvalid(account.Name, metadata, text, MaximumId));
            return false;
        }

        id = value;
        return true;
    }

    private IEnumerable<PasswdEntry> Users() => PasswdEntry.Parse(_base.Value.Passwd).Concat(_added);

    private IEnumerable<GroupEntry> Groups() => GroupEntry.Parse(_base.Value.Group).Concat(_addedGroups);

    private string Origin(PasswdEntry entry) => _added.Contains(entry) ? "another ContainerUserAccount item" : _base.Value.Source;

    // The names a message suggests: enough to see what the base offers, never a wall of text.
    private static string Names(IEnumerable<string> names)
    {
        var list = names.Distinct(StringComparer.Ordinal).ToList();
        return list.Count == 0 ? "none" : string.Join(", ", list.Take(12)) + (list.Count > 12 ? ", …" : "");
    }

    // Byte for byte: the base's file is kept exactly, whatever its encoding, with a newline before the added lines.
    private static byte[] Append(byte[]? content, IEnumerable<string> lines)
    {
        var result = new List<byte>(content ?? []);
        if (result.Count > 0 && result[^1] != (byte)'\n')
        {
            result.Add((byte)'\n');
        }

        foreach (var line in lines)
        {
            result.AddRange(Encoding.UTF8.GetBytes(line));
        }

        return [.. result];
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_.-]{0,31}$")]
    private static partial Regex AccountName();
}
