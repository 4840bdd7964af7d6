using System.Text;
using OrleansCache.Rest.Security;

namespace OrleansCache.Tests.Rest;

/// <summary>Gravitino's simple mode: the user of a Basic header, or none.</summary>
[Trait("Category", "Unit")]
public sealed class SimpleCredentialTests
{
    [Theory]
    [InlineData("alice:", "alice")]
    [InlineData("alice:secret:with:colons", "alice")]
    [InlineData("bob", "bob")]
    public void The_user_is_the_part_before_the_first_colon(string credential, string user)
    {
        Assert.Equal(user, SimpleCredential.User("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(credential))));
    }

    [Theory]
    [InlineData("Basic ")]
    [InlineData("Basic not*base64")]
    [InlineData("Bearer abc")]
    public void A_header_without_a_user_names_none(string authorization)
    {
        Assert.Null(SimpleCredential.User(authorization));
    }

    [Fact]
    public void A_user_that_is_empty_names_none()
    {
        Assert.Null(SimpleCredential.User("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(":secret"))));
    }
}
