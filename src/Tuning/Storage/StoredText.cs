namespace Tuning.Storage;

/// <summary>
/// The rule for text a study stores (names, choices, attribute keys and values): it must be valid UTF-16, without a
/// lone surrogate, since every storage and export writes UTF-8, which has no form for one, so it would come back as
/// U+FFFD and no longer match. A fail reason, which must be kept whatever it holds, is repaired instead.
/// </summary>
internal static class StoredText
{
    /// <summary>
    /// Replaces each lone surrogate of <paramref name="text"/> with U+FFFD, as writing it as UTF-8 would, for text that
    /// must be kept even when it is not valid (a fail reason quoting an exception's message): what the study shows then
    /// reads the same as what the storage and an export keep.
    /// </summary>
    /// <param name="text">The text.</param>
    /// <returns>The text, unchanged if it holds no lone surrogate.</returns>
    public static string Repaired(string text)
    {
        char[]? repaired = null;
        for (int i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                repaired ??= text.ToCharArray();
                repaired[i] = '\uFFFD';
            }
        }

        return repaired is null ? text : new string(repaired);
    }

    /// <summary>Throws if <paramref name="text"/> holds a lone surrogate.</summary>
    /// <param name="text">The text.</param>
    /// <param name="what">What the text is, for the message, such as "The parameter name".</param>
    /// <param name="paramName">The argument that holds it.</param>
    /// <exception cref="ArgumentException">The text holds a lone surrogate.</exception>
    public static void ThrowIfNotValid(string text, string what, string paramName)
    {
        for (int i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                throw new ArgumentException(
                    $"{what} holds a lone UTF-16 surrogate (U+{(int)text[i]:X4} at index {i}), which no storage can keep: it is not valid Unicode text.",
                    paramName);
            }
        }
    }
}
