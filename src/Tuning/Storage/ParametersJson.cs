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
                switch (fidelity.Box(values.Level!.Value))
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

    /// <summary>Reads parameters written by <see cref="Write"/>, validated against the space.</summary>
    /// <exception cref="FormatException">
    /// The text is not a JSON object, a value has the wrong kind (an int given as 2.5, say), a name is unknown, or a value
    /// lies outside its parameter's domain.
    /// </exception>
    public static ParameterValues Read(SearchSpace space, string json)
    {
        using JsonDocument document = ParseDocument(json);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("Stored parameters must be a JSON object.");
        }

        // Null is no value, as for Study.Enqueue: a hand-written file may give an inactive parameter as null.
        var values = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (JsonProperty property in document.RootElement.EnumerateObject())
        {
            bool isInt = (space.Contains(property.Name) && space[property.Name].Kind == ParameterKind.Int)
                || (space.Fidelity is { Kind: FidelityKind.Int } f && f.Name == property.Name);
            object value = property.Value.ValueKind switch
            {
                JsonValueKind.String => property.Value.GetString()!,
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                JsonValueKind.Null => null!,
                JsonValueKind.Number when isInt => property.Value.TryGetInt32(out int n)
                    ? n
                    : throw new FormatException($"The parameter '{property.Name}' is an int; {property.Value.GetRawText()} is not one."),
                JsonValueKind.Number => property.Value.GetDouble(),
                _ => throw new FormatException($"Stored parameter '{property.Name}' has a value of JSON kind {property.Value.ValueKind}."),
            };
            if (value is double d && !double.IsFinite(d))
            {
                throw new FormatException($"The parameter '{property.Name}' has the value {property.Value.GetRawText()}, which is not a finite double.");
            }

            values.Add(property.Name, value);
        }

        try
        {
            return space.CreateValues(values);
        }
        catch (ArgumentException e)
        {
            // The argument the space names (its own "values") is no part of the stored text this message is about.
            throw new FormatException($"The stored parameters do not fit the study's search space: {ExceptionMessage.WithoutParameter(e)}", e);
        }
    }

    private static JsonDocument ParseDocument(string json)
    {
        try
        {
            return JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new FormatException($"The stored parameters are not valid JSON: {e.Message}", e);
        }
    }
}
