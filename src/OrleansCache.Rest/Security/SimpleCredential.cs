using System.Text;

namespace OrleansCache.Rest.Security;

/// <summary>Gravitino's <c>simple</c> mode: the user name of an <c>Authorization: Basic</c> header (base64 of <c>user:anything</c>), not proven.</summary>
internal static class SimpleCredential
{
    /// <summary>The header's scheme prefix.</summary>
    public const string Scheme = "Basic ";

    /// <summary>True when <paramref name="authorization"/> is a Basic credential.</summary>
    public static bool IsBasic(string authorization) => authorization.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase);

    /// <summary>The user name the header carries; null when it names none or is not base64.</summary>
    public static string? User(string authorization)
    {
        if (!IsBasic(authorization))
        {
            return null;
        }

        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(authorization[Scheme.Length..].Trim()));
            var user = decoded.Split(':', 2)[0];
            return user.Length == 0 ? null : user;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
