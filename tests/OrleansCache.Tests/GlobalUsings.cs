global using OrleansCache.Testing;
