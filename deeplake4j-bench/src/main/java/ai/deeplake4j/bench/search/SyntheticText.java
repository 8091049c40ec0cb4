package ai.deeplake4j.bench.search;

import java.util.Random;

/**
 * Deterministic synthetic text: pseudo-words drawn from a Zipf distribution (exponent 1.07 over
 * {@code vocabulary} words), like word frequencies in natural language, so BM25 posting lists have
 * realistic lengths.
 */
final class SyntheticText {
    private static final String[] SYLLABLES = {"ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "ze", "pa", "qu", "dro",
        "fen", "gar", "hil", "jor", "mak", "nor", "pel", "sor", "tam", "vek", "wil", "yan"};

    private final String[] words;
    private final double[] cumulative;

    SyntheticText(int vocabulary, long seed) {
        Random r = new Random(seed);
        words = new String[vocabulary];
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < vocabulary; i++) {
            String w;
            do {
                StringBuilder sb = new StringBuilder();
                int n = 2 + r.nextInt(3);
                for (int j = 0; j < n; j++) {
                    sb.append(SYLLABLES[r.nextInt(SYLLABLES.length)]);
                }
                w = sb.toString();
            } while (!seen.add(w));
            words[i] = w;
        }
        cumulative = new double[vocabulary];
        double sum = 0;
        for (int i = 0; i < vocabulary; i++) {
            sum += 1 / Math.pow(i + 1, 1.07);
            cumulative[i] = sum;
        }
        for (int i = 0; i < vocabulary; i++) {
            cumulative[i] /= sum;
        }
    }

    String word(Random r) {
        int i = java.util.Arrays.binarySearch(cumulative, r.nextDouble());
        return words[Math.min(words.length - 1, i < 0 ? -i - 1 : i)];
    }

    /** A word of middle frequency (rank 50 to 2,000), the kind a user searches for. */
    String queryWord(Random r) {
        return words[50 + r.nextInt(Math.min(1950, words.length - 50))];
    }

    String chunk(Random r, int wordCount) {
        StringBuilder sb = new StringBuilder(wordCount * 7);
        for (int i = 0; i < wordCount; i++) {
            sb.append(i == 0 ? "" : " ").append(word(r));
        }
        return sb.toString();
    }
}
