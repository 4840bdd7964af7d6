using OrleansCache.Security;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using OrleansCache.Grains.Hosting;
using OrleansCache.Grains.Providers;
using OrleansCache.Silo.Providers;
using OrleansCache.Rest.Providers;
using OrleansCache.Rest.Security;
using YamlDotNet.RepresentationModel;

namespace OrleansCache.Tests.Operations;

/// <summary>
/// deploy/kubernetes parsed as YAML and checked against the silo's own configuration: the
/// environment binds to real, valid settings, and ports, probes and labels follow from them.
/// </summary>
[Trait("Category", "Unit")]
public sealed class KubernetesManifestTests
{
    private static readonly IReadOnlyList<YamlMappingNode> Documents = LoadManifests();

    [Fact]
    public void The_silo_environment_binds_to_valid_silo_settings()
    {
        var configuration = SiloConfiguration();

        var silo = OrleansCacheConfiguration.Load(configuration, OrleansCacheSiloOptions.SectionName, new OrleansCacheSiloOptionsValidator());
        OrleansCacheConfiguration.Load(configuration, HttpEndpointOptions.SectionName, new HttpEndpointOptionsValidator());
        OrleansCacheConfiguration.Load(configuration, TelemetryOptions.SectionName, new TelemetryOptionsValidator());

        Assert.Equal(StorageMode.Redis, silo.Mode);
        Assert.Equal("10.1.2.3", silo.AdvertisedIPAddress);
        Assert.NotNull(silo.Redis.Password);
        Assert.True(configuration.GetValue<bool>("OrleansCache:Telemetry:Prometheus"));
        foreach (var key in SiloEnvironment().Keys.Where(key => key.StartsWith("OrleansCache__", StringComparison.Ordinal)))
        {
            Assert.True(IsKnownSetting(key.Replace("__", ":", StringComparison.Ordinal)), $"{key} is not a silo setting.");
        }
    }

    [Fact]
    public void Pod_name_namespace_and_ip_come_from_the_downward_api()
    {
        var env = SiloContainer().Seq("env").Cast<YamlMappingNode>().ToDictionary(e => e.Str("name"));

        Assert.Equal("metadata.name", env["POD_NAME"].Map("valueFrom").Map("fieldRef").Str("fieldPath"));
        Assert.Equal("metadata.namespace", env["POD_NAMESPACE"].Map("valueFrom").Map("fieldRef").Str("fieldPath"));
        Assert.Equal("status.podIP", env["POD_IP"].Map("valueFrom").Map("fieldRef").Str("fieldPath"));
        Assert.Equal("$(POD_IP)", env["OrleansCache__AdvertisedIPAddress"].Str("value"));
        Assert.Equal("password", env["OrleansCache__Redis__Password"].Map("valueFrom").Map("secretKeyRef").Str("key"));
    }

    [Fact]
    public void Container_ports_and_probes_match_the_configured_ports_and_health_paths()
    {
        var configuration = SiloConfiguration();
        var silo = OrleansCacheConfiguration.Load(configuration, OrleansCacheSiloOptions.SectionName, new OrleansCacheSiloOptionsValidator());
        var http = OrleansCacheConfiguration.Load(configuration, HttpEndpointOptions.SectionName, new HttpEndpointOptionsValidator());
        var container = SiloContainer();
        var ports = container.Seq("ports").Cast<YamlMappingNode>().ToDictionary(p => p.Str("name"), p => p.Int("containerPort"));

        Assert.Equal(silo.SiloPort, ports["silo"]);
        Assert.Equal(silo.GatewayPort, ports["gateway"]);
        Assert.Equal(http.Port, ports["http"]);
        Assert.Equal("/health/live", container.Map("livenessProbe").Map("httpGet").Str("path"));
        Assert.Equal("/health/ready", container.Map("readinessProbe").Map("httpGet").Str("path"));
        foreach (var probe in new[] { "livenessProbe", "readinessProbe", "startupProbe" })
        {
            Assert.Equal("http", container.Map(probe).Map("httpGet").Str("port"));
        }

        var annotations = Kind("Deployment").Map("spec").Map("template").Map("metadata").Map("annotations");
        Assert.Equal(http.Port.ToString(CultureInfo.InvariantCulture), annotations.Str("prometheus.io/port"));
        Assert.Equal("/metrics", annotations.Str("prometheus.io/path"));
        Assert.NotNull(container.Map("resources").Map("requests").Str("cpu"));
        Assert.NotNull(container.Map("resources").Map("requests").Str("memory"));
    }

    [Fact]
    public void Orleans_labels_carry_the_configured_ids_and_every_selector_matches_the_pods()
    {
        var silo = OrleansCacheConfiguration.Load(SiloConfiguration(), OrleansCacheSiloOptions.SectionName, new OrleansCacheSiloOptionsValidator());
        var deployment = Kind("Deployment");
        var podLabels = deployment.Map("spec").Map("template").Map("metadata").Map("labels");

        Assert.Equal(silo.ServiceId, podLabels.Str("orleans/serviceId"));
        Assert.Equal(silo.ClusterId, podLabels.Str("orleans/clusterId"));
        AssertSelects(deployment.Map("spec").Map("selector").Map("matchLabels"), podLabels);
        AssertSelects(Kind("PodDisruptionBudget").Map("spec").Map("selector").Map("matchLabels"), podLabels);
        var gateway = Documents.Single(d => d.Str("kind") == "Service" && d.Map("metadata").Str("name") == "orleanscache-gateway");
        AssertSelects(gateway.Map("spec").Map("selector"), podLabels);
        var port = gateway.Map("spec").Seq("ports").Cast<YamlMappingNode>().Single();
        Assert.Equal(silo.GatewayPort, port.Int("port"));
        Assert.Equal("gateway", port.Str("targetPort"));
    }

    [Fact]
    public void The_grace_period_outlasts_the_shutdown_timeout_and_the_budget_keeps_silos_up()
    {
        var silo = OrleansCacheConfiguration.Load(SiloConfiguration(), OrleansCacheSiloOptions.SectionName, new OrleansCacheSiloOptionsValidator());
        var spec = Kind("Deployment").Map("spec");

        Assert.True(TimeSpan.FromSeconds(spec.Map("template").Map("spec").Int("terminationGracePeriodSeconds")) > silo.ShutdownTimeout + TimeSpan.FromSeconds(5));
        Assert.True(spec.Int("replicas") >= 2);
        Assert.Equal(1, Kind("PodDisruptionBudget").Map("spec").Int("maxUnavailable"));
    }

    [Fact]
    public void Redis_runs_with_aof_persistence_behind_the_service_the_silos_connect_to()
    {
        var statefulSet = Kind("StatefulSet");
        var args = statefulSet.Map("spec").Map("template").Map("spec").Seq("containers").Cast<YamlMappingNode>().Single().Seq("args")
            .Cast<YamlScalarNode>().Select(a => a.Value).ToList();
        var silo = OrleansCacheConfiguration.Load(SiloConfiguration(), OrleansCacheSiloOptions.SectionName, new OrleansCacheSiloOptionsValidator());
        var endpoint = silo.Redis.ToConfigurationOptions().EndPoints.Single();

        Assert.Equal("yes", args[args.IndexOf("--appendonly") + 1]);
        Assert.Equal("always", args[args.IndexOf("--appendfsync") + 1]);
        Assert.Contains("--requirepass", args);
        Assert.NotNull(statefulSet.Map("spec").Seq("volumeClaimTemplates"));
        var service = Documents.Single(d => d.Str("kind") == "Service" && d.Map("metadata").Str("name") == statefulSet.Map("spec").Str("serviceName"));
        Assert.Equal($"{service.Map("metadata").Str("name")}:{service.Map("spec").Seq("ports").Cast<YamlMappingNode>().Single().Int("port")}", endpoint.ToString()?.Replace("Unspecified/", string.Empty, StringComparison.Ordinal));
    }

    [Fact]
    public void Silos_use_mutual_tls_with_certificates_from_a_secret_and_a_network_policy_admits_only_clients_to_the_gateway()
    {
        var configuration = SiloConfiguration();
        var silo = OrleansCacheConfiguration.Load(configuration, OrleansCacheSiloOptions.SectionName, new OrleansCacheSiloOptionsValidator());
        var tls = new ClusterTlsOptions();
        configuration.GetSection(ClusterTlsOptions.SectionName).Bind(tls);

        // Secure by default without the escape hatch: the silo would start with these settings.
        Assert.False(silo.AllowInsecureGateway);
        Assert.Null(GatewayExposure.Problem(silo, tls));
        var pod = Kind("Deployment").Map("spec").Map("template").Map("spec");
        var podLabels = Kind("Deployment").Map("spec").Map("template").Map("metadata").Map("labels");
        var mount = SiloContainer().Seq("volumeMounts").Cast<YamlMappingNode>().Single(m => m.Str("name") == "tls");
        var volume = pod.Seq("volumes").Cast<YamlMappingNode>().Single(v => v.Str("name") == "tls");
        var files = volume.Map("secret").Seq("items").Cast<YamlMappingNode>().Select(i => $"{mount.Str("mountPath")}/{i.Str("path")}").ToList();
        Assert.Contains(tls.CertificatePath, files);
        Assert.Contains(tls.TrustedCertificatePath, files);
        Assert.Equal("true", mount.Str("readOnly"));

        var policy = Kind("NetworkPolicy").Map("spec");
        AssertSelects(policy.Map("podSelector").Map("matchLabels"), podLabels);
        var rules = policy.Seq("ingress").Cast<YamlMappingNode>().ToList();
        var gatewayRules = rules.Where(r => r.Seq("ports").Cast<YamlMappingNode>().Any(p => p.Str("port") == "gateway")).ToList();
        Assert.All(gatewayRules, rule => Assert.True(rule.Children.ContainsKey(new YamlScalarNode("from")), "the gateway is not open to every pod"));
        Assert.Contains(gatewayRules, rule => rule.Seq("from").Cast<YamlMappingNode>().Any(f => f.Map("podSelector").Map("matchLabels").Str("orleanscache/client") == "true"));
        var siloRule = rules.Single(r => r.Seq("ports").Cast<YamlMappingNode>().Any(p => p.Str("port") == "silo"));
        AssertSelects(siloRule.Seq("from").Cast<YamlMappingNode>().Single().Map("podSelector").Map("matchLabels"), podLabels);
    }

    [Fact]
    public void The_rest_api_is_on_over_https_with_tokens_checked_by_the_silo_and_reachable_through_a_service()
    {
        var rest = new RestApiOptions();
        SiloConfiguration().GetSection(RestApiOptions.SectionName).Bind(rest);
        var result = new RestApiOptionsValidator().Validate(null, rest);

        // Secure by default without the escape hatch: on every address, with oauth and TLS.
        var failures = result.Failed ? result.Failures.Where(f => !f.Contains("which is not a file", StringComparison.Ordinal)) : [];
        Assert.Empty(failures);
        Assert.False(rest.AllowAnonymous);
        Assert.False(RestExposure.IsLoopbackOnly(rest));
        Assert.Null(RestExposure.Problem(rest));
        Assert.Equal("oauth", rest.Authenticators);
        Assert.StartsWith("https://", rest.OAuth.JwksUri, StringComparison.Ordinal);
        Assert.True(rest.Tls.Enabled);
        var pod = Kind("Deployment").Map("spec").Map("template").Map("spec");
        var mount = SiloContainer().Seq("volumeMounts").Cast<YamlMappingNode>().Single(m => m.Str("name") == "rest-tls");
        var volume = pod.Seq("volumes").Cast<YamlMappingNode>().Single(v => v.Str("name") == "rest-tls");
        Assert.Contains(rest.Tls.CertificatePath, volume.Map("secret").Seq("items").Cast<YamlMappingNode>().Select(i => $"{mount.Str("mountPath")}/{i.Str("path")}"));

        var ports = SiloContainer().Seq("ports").Cast<YamlMappingNode>().ToDictionary(p => p.Str("name"), p => p.Int("containerPort"));
        Assert.Equal(rest.Port, ports["rest"]);
        var service = Documents.Single(d => d.Str("kind") == "Service" && d.Map("metadata").Str("name") == "orleanscache-rest");
        AssertSelects(service.Map("spec").Map("selector"), Kind("Deployment").Map("spec").Map("template").Map("metadata").Map("labels"));
        Assert.Equal("rest", service.Map("spec").Seq("ports").Cast<YamlMappingNode>().Single().Str("targetPort"));
        Assert.Contains(Kind("NetworkPolicy").Map("spec").Seq("ingress").Cast<YamlMappingNode>(), r => r.Seq("ports").Cast<YamlMappingNode>().Any(p => p.Str("port") == "rest"));
    }

    [Fact]
    public void Silos_use_orleans_kubernetes_hosting_under_a_service_account_allowed_to_read_their_pods()
    {
        var silo = OrleansCacheConfiguration.Load(SiloConfiguration(), OrleansCacheSiloOptions.SectionName, new OrleansCacheSiloOptionsValidator());
        var pod = Kind("Deployment").Map("spec").Map("template").Map("spec");

        Assert.True(silo.KubernetesHosting);
        Assert.Equal(Kind("ServiceAccount").Map("metadata").Str("name"), pod.Str("serviceAccountName"));
        var binding = Kind("RoleBinding");
        Assert.Equal(Kind("Role").Map("metadata").Str("name"), binding.Map("roleRef").Str("name"));
        Assert.Equal(pod.Str("serviceAccountName"), binding.Seq("subjects").Cast<YamlMappingNode>().Single().Str("name"));
        var rule = Kind("Role").Seq("rules").Cast<YamlMappingNode>().Single(r => r.Seq("resources").Cast<YamlScalarNode>().Any(v => v.Value == "pods"));
        var verbs = rule.Seq("verbs").Cast<YamlScalarNode>().Select(v => v.Value).ToList();
        Assert.Contains("watch", verbs);
        Assert.Contains("list", verbs);
    }

    private static void AssertSelects(YamlMappingNode selector, YamlMappingNode labels)
    {
        Assert.NotEmpty(selector.Children);
        foreach (var (key, value) in selector.Children)
        {
            Assert.Equal(((YamlScalarNode)value).Value, labels.Str(((YamlScalarNode)key).Value!));
        }
    }

    /// <summary>The silo's appsettings.json under the Deployment's environment, as the container sees it.</summary>
    private static IConfiguration SiloConfiguration()
    {
        var settings = SiloEnvironment()
            .Where(pair => pair.Key.StartsWith("OrleansCache__", StringComparison.Ordinal))
            .Select(pair => new KeyValuePair<string, string?>(pair.Key.Replace("__", ":", StringComparison.Ordinal), pair.Value));
        return new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"))
            .AddInMemoryCollection(settings)
            .Build();
    }

    /// <summary>The silo container's environment with the downward API and secrets filled in as Kubernetes would.</summary>
    private static Dictionary<string, string> SiloEnvironment()
    {
        var resolved = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["POD_NAME"] = "orleanscache-silo-0",
            ["POD_NAMESPACE"] = "default",
            ["POD_IP"] = "10.1.2.3",
        };
        foreach (var env in SiloContainer().Seq("env").Cast<YamlMappingNode>())
        {
            var name = env.Str("name");
            if (env.Children.ContainsKey("value"))
            {
                var value = env.Str("value");
                foreach (var (known, replacement) in resolved.ToList())
                {
                    value = value.Replace($"$({known})", replacement, StringComparison.Ordinal);
                }

                resolved[name] = value;
            }
            else if (env.Map("valueFrom").Children.ContainsKey("secretKeyRef"))
            {
                resolved[name] = "secret-from-kubernetes";
            }
        }

        return resolved;
    }

    private static bool IsKnownSetting(string path)
    {
        var parts = path.Split(':');
        var type = typeof(OrleansCacheSiloOptions);
        var sections = new Dictionary<string, Type>(StringComparer.OrdinalIgnoreCase)
        {
            ["Http"] = typeof(HttpEndpointOptions),
            ["Telemetry"] = typeof(TelemetryOptions),
            ["Dashboard"] = typeof(SiloDashboardOptions),
            ["Tls"] = typeof(ClusterTlsOptions),
            ["Entities"] = typeof(EntityGrainOptions),
            ["Streams"] = typeof(ChangeStreamOptions),
            ["WarmUp"] = typeof(WarmUpOptions),
            ["Rest"] = typeof(RestApiOptions),
        };
        var index = 1;
        if (parts.Length > 2 && sections.TryGetValue(parts[1], out var section))
        {
            type = section;
            index = 2;
        }

        for (; index < parts.Length; index++)
        {
            var property = type.GetProperty(parts[index]);
            if (property is null)
            {
                return false;
            }

            type = property.PropertyType;
        }

        return true;
    }

    private static YamlMappingNode SiloContainer() =>
        Kind("Deployment").Map("spec").Map("template").Map("spec").Seq("containers").Cast<YamlMappingNode>().Single(c => c.Str("name") == "silo");

    private static YamlMappingNode Kind(string kind) => Documents.Single(d => d.Str("kind") == kind);

    private static List<YamlMappingNode> LoadManifests()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "kubernetes");
        var files = Directory.GetFiles(folder, "*.yaml");
        Assert.NotEmpty(files);
        var documents = new List<YamlMappingNode>();
        foreach (var file in files)
        {
            var stream = new YamlStream();
            using var reader = File.OpenText(file);
            stream.Load(reader);
            documents.AddRange(stream.Documents.Select(d => (YamlMappingNode)d.RootNode));
        }

        return documents;
    }
}

internal static class YamlNodes
{
    public static YamlMappingNode Map(this YamlMappingNode node, string key) => (YamlMappingNode)node.Children[new YamlScalarNode(key)];

    public static YamlSequenceNode Seq(this YamlMappingNode node, string key) => (YamlSequenceNode)node.Children[new YamlScalarNode(key)];

    public static string Str(this YamlMappingNode node, string key) => ((YamlScalarNode)node.Children[new YamlScalarNode(key)]).Value ?? string.Empty;

    public static int Int(this YamlMappingNode node, string key) => int.Parse(node.Str(key), CultureInfo.InvariantCulture);
}
