using Microsoft.Extensions.Configuration;
using OrleansCache.Grains.Providers;
using OrleansCache.Rest.Providers;
using StackExchange.Redis;
using YamlDotNet.RepresentationModel;

namespace OrleansCache.Tests.Deployment;

/// <summary>
/// docker-compose.yml cannot be run here (no Docker engine), so its wiring is checked instead: the
/// services exist, Redis is durable and healthy before the silos start, and every silo setting the
/// file sets is one the silo really reads and accepts.
/// </summary>
[Trait("Category", "Unit")]
public sealed class ComposeFileTests
{
    private static readonly string[] Silos = ["silo1", "silo2"];

    private readonly YamlMappingNode _services;

    public ComposeFileTests()
    {
        var path = Path.Combine(RepositoryRoot(), "docker-compose.yml");
        using var reader = new StreamReader(path);
        var yaml = new YamlStream();
        yaml.Load(reader);
        var root = Assert.IsType<YamlMappingNode>(yaml.Documents.Single().RootNode);
        _services = Mapping(root, "services");
    }

    [Fact]
    public void The_redis_silo_and_sample_services_exist()
    {
        var names = _services.Children.Keys.Select(key => ((YamlScalarNode)key).Value).ToList();

        Assert.Contains("redis", names);
        Assert.Contains("silo1", names);
        Assert.Contains("silo2", names);
        Assert.Contains("sample", names);
    }

    [Fact]
    public void Redis_runs_with_append_only_persistence_and_a_healthcheck()
    {
        var redis = Mapping(_services, "redis");

        var command = Words(Node(redis, "command"));
        var flag = command.IndexOf("--appendonly");
        Assert.True(flag >= 0 && flag + 1 < command.Count, $"redis command '{string.Join(' ', command)}' does not set --appendonly");
        Assert.Equal("yes", command[flag + 1]);
        Assert.Contains("/data", Words(Node(redis, "volumes")).Select(volume => volume.Split(':').Last()));
        Assert.Contains("ping", Words(Node(Mapping(redis, "healthcheck"), "test")));
    }

    [Theory]
    [InlineData("silo1")]
    [InlineData("silo2")]
    public void Each_silo_uses_the_redis_service_has_a_healthcheck_and_waits_for_healthy_redis(string silo)
    {
        var service = Mapping(_services, silo);
        var environment = Environment(service);

        Assert.Equal("Redis", environment.GetValueOrDefault("OrleansCache__Mode"));
        var connectionString = environment.GetValueOrDefault("OrleansCache__Redis__ConnectionString");
        Assert.False(string.IsNullOrWhiteSpace(connectionString), $"{silo} sets no OrleansCache__Redis__ConnectionString");
        var endpoint = Assert.IsType<System.Net.DnsEndPoint>(Assert.Single(ConfigurationOptions.Parse(connectionString).EndPoints));
        Assert.Equal("redis", endpoint.Host);
        Assert.Contains(new YamlScalarNode(endpoint.Host), _services.Children.Keys);

        Assert.Contains("30000", string.Join(' ', Words(Node(Mapping(service, "healthcheck"), "test"))), StringComparison.Ordinal);
        Assert.Equal("service_healthy", DependencyCondition(service, "redis"));
    }

    [Theory]
    [InlineData("silo1")]
    [InlineData("silo2")]
    public void Every_OrleansCache_setting_of_a_silo_binds_to_the_silo_options_and_is_valid(string silo)
    {
        var settings = Environment(Mapping(_services, silo))
            .Where(pair => pair.Key.StartsWith("OrleansCache__", StringComparison.OrdinalIgnoreCase))
            .ToDictionary(pair => pair.Key.Replace("__", ":", StringComparison.Ordinal), pair => (string?)pair.Value);

        // The silo reads these subsections into options of their own; a key there must bind to them.
        var rest = new RestApiOptions();
        var subsections = new Dictionary<string, object>(StringComparer.OrdinalIgnoreCase)
        {
            [ChangeStreamOptions.SectionName] = new ChangeStreamOptions(),
            [EntityGrainOptions.SectionName] = new EntityGrainOptions(),
            [RestApiOptions.SectionName] = rest,
        };
        bool InSubsection(string key) => subsections.Keys.Any(section => key.StartsWith(section + ":", StringComparison.OrdinalIgnoreCase));
        foreach (var (section, target) in subsections)
        {
            Bind(settings.Where(pair => InSubsection(pair.Key)), section, target);
        }

        var options = new OrleansCacheSiloOptions();
        Bind(settings.Where(pair => !InSubsection(pair.Key)), OrleansCacheSiloOptions.SectionName, options);

        Assert.Equal(StorageMode.Redis, options.Mode);
        Assert.Equal("redis:6379", options.Redis.ConnectionString);
        var result = new OrleansCacheSiloOptionsValidator().Validate(null, options);
        Assert.True(result.Succeeded, result.FailureMessage);
        var restResult = new RestApiOptionsValidator().Validate(null, rest);
        Assert.True(restResult.Succeeded, restResult.FailureMessage);
    }

    [Fact]
    public void Silo1_serves_the_rest_api_to_the_hosts_loopback_with_anonymous_reads_allowed_explicitly()
    {
        var silo1 = Mapping(_services, "silo1");
        var environment = Environment(silo1);

        Assert.Equal("*", environment["OrleansCache__Rest__ListenAddress"]);
        Assert.Equal("true", environment["OrleansCache__Rest__AllowAnonymous"]);
        Assert.Contains($"127.0.0.1:{environment["OrleansCache__Rest__Port"]}:{environment["OrleansCache__Rest__Port"]}", Words(Node(silo1, "ports")));
    }

    [Fact]
    public void Only_silo1_publishes_its_gateway_on_the_host()
    {
        Assert.Contains("30000:30000", Words(Node(Mapping(_services, "silo1"), "ports")));
        Assert.False(Mapping(_services, "silo2").Children.ContainsKey(new YamlScalarNode("ports")), "silo2 must not publish ports: they would clash with silo1's");
    }

    [Fact]
    public void The_sample_waits_for_both_silos_to_be_healthy_and_runs_the_demo_through_redis()
    {
        var sample = Mapping(_services, "sample");

        foreach (var silo in Silos)
        {
            Assert.Equal("service_healthy", DependencyCondition(sample, silo));
        }

        var command = Words(Node(sample, "command"));
        Assert.Equal("redis:6379", command[command.IndexOf("--redis") + 1]);
        Assert.Equal("demo", command[^1]);
    }

    [Theory]
    [InlineData("silo1", "silo/Dockerfile")]
    [InlineData("silo2", "silo/Dockerfile")]
    [InlineData("sample", "client-sample/Dockerfile")]
    public void Built_services_use_the_repository_root_as_context_and_an_existing_dockerfile(string service, string dockerfile)
    {
        var build = Mapping(Mapping(_services, service), "build");

        Assert.Equal(".", Scalar(build, "context"));
        Assert.Equal(dockerfile, Scalar(build, "dockerfile"));
        Assert.True(File.Exists(Path.Combine(RepositoryRoot(), dockerfile)), $"{dockerfile} does not exist");
    }

    /// <summary>
    /// Binds <paramref name="settings"/> under <paramref name="section"/> into <paramref name="target"/>,
    /// as the silo does, except that a key matching no property is an error: the silo would ignore a
    /// misspelt setting silently.
    /// </summary>
    private static void Bind(IEnumerable<KeyValuePair<string, string?>> settings, string section, object target)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        configuration.GetSection(section).Bind(target, binder => binder.ErrorOnUnknownConfiguration = true);
    }

    /// <summary>The folder holding OrleansCache.sln, found by walking up from the test binaries.</summary>
    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "OrleansCache.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} contains OrleansCache.sln.");
    }

    private static YamlNode Node(YamlMappingNode mapping, string key) =>
        mapping.Children.TryGetValue(new YamlScalarNode(key), out var node)
            ? node
            : throw new Xunit.Sdk.XunitException($"'{key}' is missing (at line {mapping.Start.Line}).");

    private static YamlMappingNode Mapping(YamlMappingNode mapping, string key) => Assert.IsType<YamlMappingNode>(Node(mapping, key));

    private static string? Scalar(YamlMappingNode mapping, string key) => Assert.IsType<YamlScalarNode>(Node(mapping, key)).Value;

    /// <summary>A compose value that may be a string (split on spaces, as compose does) or a list.</summary>
    private static List<string> Words(YamlNode node) => node switch
    {
        YamlScalarNode scalar => [.. (scalar.Value ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries)],
        YamlSequenceNode sequence => [.. sequence.Children.Select(item => Assert.IsType<YamlScalarNode>(item).Value ?? string.Empty)],
        _ => throw new Xunit.Sdk.XunitException($"Expected a string or a list at line {node.Start.Line}."),
    };

    /// <summary>A service's environment, in either compose form: a map, or a list of KEY=VALUE.</summary>
    private static Dictionary<string, string> Environment(YamlMappingNode service)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        switch (Node(service, "environment"))
        {
            case YamlMappingNode map:
                foreach (var (key, value) in map.Children)
                {
                    environment[((YamlScalarNode)key).Value!] = ((YamlScalarNode)value).Value ?? string.Empty;
                }

                break;
            case YamlSequenceNode list:
                foreach (var item in list.Children)
                {
                    var pair = ((YamlScalarNode)item).Value ?? string.Empty;
                    var at = pair.IndexOf('=', StringComparison.Ordinal);
                    environment[at < 0 ? pair : pair[..at]] = at < 0 ? string.Empty : pair[(at + 1)..];
                }

                break;
            default:
                throw new Xunit.Sdk.XunitException("environment must be a map or a list.");
        }

        return environment;
    }

    /// <summary>The condition a service waits for on <paramref name="dependency"/> (compose's long form), or "service_started" for the short form.</summary>
    private static string? DependencyCondition(YamlMappingNode service, string dependency) => Node(service, "depends_on") switch
    {
        YamlMappingNode map => Scalar(Mapping(map, dependency), "condition"),
        YamlSequenceNode list when Words(list).Contains(dependency) => "service_started",
        _ => null,
    };
}
