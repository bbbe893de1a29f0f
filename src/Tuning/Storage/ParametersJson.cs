using System.Text.Json;

namespace Tuning;

/// <summary>Converts assignments to and from the JSON objects that storages keep: <c>{"lr": 0.001, "layers": 3, "optimizer": "adam"}</c>.</summary>
internal static class ParametersJson
{
    public static string Write(ParameterValues values)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            SearchSpace space = values.Space;
            for (int i = 0; i < space.Count; i++)
            {
                double raw = values.Raw[i];
                if (double.IsNaN(raw))
                {
                    continue;
                }

                Parameter p = space.Parameters[i];
                switch (p.Kind)
                {
                    case ParameterKind.Float:
                        json.WriteNumber(p.Name, raw);
                        break;
                    case ParameterKind.Int:
                        json.WriteNumber(p.Name, (int)raw);
                        break;
                    default:
                        if (p.IsBoolean)
                        {
                            json.WriteBoolean(p.Name, raw != 0);
                        }
                        else
                        {
                            json.WriteString(p.Name, p.Choices[(int)raw]);
                        }

                        break;
                }
            }

            if (space.Fidelity is Fidelity fidelity)
            {
                switch (fidelity.Box(values.FidelityRaw))
                {
                    case string task:
                        json.WriteString(fidelity.Name, task);
                        break;
                    case int n:
                        json.WriteNumber(fidelity.Name, n);
                        break;
                    case double d:
                        json.WriteNumber(fidelity.Name, d);
                        break;
                }
            }

            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static ParameterValues Read(SearchSpace space, string json)
    {
        using JsonDocument document = JsonDocument.Parse(json);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("Stored parameters must be a JSON object.");
        }

        var values = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (JsonProperty property in document.RootElement.EnumerateObject())
        {
            object value = property.Value.ValueKind switch
            {
                JsonValueKind.String => property.Value.GetString()!,
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                JsonValueKind.Number when space.Contains(property.Name) && space[property.Name].Kind == ParameterKind.Int => property.Value.GetInt32(),
                JsonValueKind.Number when space.Fidelity is { Kind: FidelityKind.Int } f && f.Name == property.Name => property.Value.GetInt32(),
                JsonValueKind.Number => property.Value.GetDouble(),
                _ => throw new FormatException($"Stored parameter '{property.Name}' has a value of JSON kind {property.Value.ValueKind}."),
            };
            values.Add(property.Name, value);
        }

        return space.CreateValues(values);
    }
}
