package ai.deeplake4j.engine.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.deeplake4j.engine.index.text.TextIndex;
import ai.deeplake4j.engine.search.Hit;
import ai.deeplake4j.engine.search.TextRow;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** BM25 (k1 1.2, b 0.75) on a fixed corpus, by the index and by the exact route, against the formula. */
class Bm25Test {

    // Words the English analyzer leaves as they are (no stop words, stems equal to the words).
    private static final List<TextRow> CORPUS = List.of(
            new TextRow("d1", "red fox red fox dog"),
            new TextRow("d2", "brown dog"),
            new TextRow("d3", "red cat sat on a mat with a brown dog and a red hat"),
            new TextRow("d4", "cat"),
            new TextRow("d5", "fox fox fox fox brown brown cat dog red hat mat"),
            new TextRow("d6", ""));

    /** BM25 written out from its definition: idf = ln(1 + (N - n + 0.5)/(n + 0.5)), tf part f/(f + k1(1 - b + b dl/avgdl)). */
    private static Map<String, Double> formula(List<TextRow> corpus, String query) {
        double k1 = 1.2, b = 0.75;
        List<List<String>> docs = new ArrayList<>();
        for (TextRow r : corpus) {
            List<String> terms = new ArrayList<>(r.text().isBlank() ? List.of() : Arrays.asList(r.text().split(" ")));
            terms.removeAll(List.of("a", "and", "on", "with")); // English stop words
            docs.add(terms);
        }
        long n = docs.stream().filter(d -> !d.isEmpty()).count();
        double avgdl = docs.stream().mapToInt(List::size).sum() / (double) n;
        Map<String, Double> scores = new HashMap<>();
        for (int i = 0; i < corpus.size(); i++) {
            double s = 0;
            for (String t : query.split(" ")) {
                long df = docs.stream().filter(d -> d.contains(t)).count();
                long f = docs.get(i).stream().filter(t::equals).count();
                double idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
                s += f == 0 ? 0 : idf * f / (f + k1 * (1 - b + b * docs.get(i).size() / avgdl));
            }
            scores.put(corpus.get(i).id(), s);
        }
        return scores;
    }

    @Test
    void exactRouteEqualsTheFormula() {
        for (String q : List.of("fox", "red dog", "cat hat mat", "red red")) {
            double[] exact = TextIndex.exactScorer(IndexType.BM25).scoreAll(q, CORPUS);
            Map<String, Double> expected = formula(CORPUS, q);
            for (int i = 0; i < CORPUS.size(); i++) {
                assertEquals(expected.get(CORPUS.get(i).id()), exact[i], 1e-9, q + " / " + CORPUS.get(i).id());
            }
        }
    }

    @Test
    void indexRouteEqualsTheFormula(@TempDir Path dir) {
        try (TextIndex index = TextIndex.create(dir.resolve("text"), "text", IndexType.BM25)) {
            index.add(CORPUS);
            index.commit(1);
            for (String q : List.of("fox", "red dog", "cat hat mat", "red red")) {
                Map<String, Double> expected = formula(CORPUS, q);
                List<Hit> hits = index.search(q, 10, null);
                long matching = expected.values().stream().filter(s -> s > 0).count();
                assertEquals(matching, hits.size(), q);
                for (Hit h : hits) {
                    // Lucene scores in float: 1e-5 relative.
                    assertEquals(expected.get(h.id()), h.score(), 1e-5 * expected.get(h.id()), q + " / " + h.id());
                }
                for (int i = 1; i < hits.size(); i++) {
                    assertTrue(hits.get(i - 1).score() >= hits.get(i).score());
                }
            }
        }
    }

    @Test
    void indexAndExactRouteAgreeOnLongDocuments(@TempDir Path dir) {
        String[] words = {"lake", "river", "stone", "forest", "cloud", "storm", "field", "bird", "tree", "wind"};
        Random random = new Random(11);
        List<TextRow> rows = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            StringBuilder sb = new StringBuilder();
            int len = 5 + random.nextInt(400);
            for (int j = 0; j < len; j++) {
                sb.append(words[(int) Math.min(words.length - 1, Math.abs(random.nextGaussian()) * 3)]).append(' ');
            }
            rows.add(new TextRow("t" + i, sb.toString()));
        }
        try (TextIndex index = TextIndex.create(dir.resolve("text"), "text", IndexType.BM25)) {
            index.add(rows);
            index.commit(1);
            List<Hit> viaIndex = index.search("storm bird", 10, null);
            List<Hit> exact = index.exactScorer().topK("storm bird", rows, 10, null);
            assertEquals(exact.size(), viaIndex.size());
            for (int i = 0; i < exact.size(); i++) {
                assertEquals(exact.get(i).score(), viaIndex.get(i).score(), 1e-5 * exact.get(i).score());
            }
        }
    }

    @Test
    void filteredTextSearchRanksOnlyAllowedRows(@TempDir Path dir) {
        try (TextIndex index = TextIndex.create(dir.resolve("text"), "text", IndexType.BM25)) {
            index.add(CORPUS);
            index.commit(1);
            List<Hit> hits = index.search("fox", 10, List.of("d1", "d2"));
            assertEquals(List.of("d1"), hits.stream().map(Hit::id).toList());
            assertEquals(formula(CORPUS, "fox").get("d1"), hits.get(0).score(), 1e-5);
        }
    }
}
