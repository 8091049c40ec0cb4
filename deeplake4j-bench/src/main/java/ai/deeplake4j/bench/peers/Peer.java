package ai.deeplake4j.bench.peers;

import java.util.Map;

/** One system of the side-by-side run: loads the kit's data once, then runs one round of every query kind. */
interface Peer extends AutoCloseable {

    /** Query kinds, in table order. */
    String VECTOR = "vector top-10";
    String FILTERED = "top-10 with a 10% filter";
    String KEYWORD = "keyword top-10";
    String HYBRID = "hybrid top-10";
    String LOOKUP = "point lookup by id";

    String name();

    /** Loads and indexes the data unless a previous run left it; returns facts for the report (load rate, build CPU). */
    Map<String, String> load() throws Exception;

    /** One timed round (after its warm-up) of every query kind this system has, into {@code measures} by kind. */
    void round(Map<String, Measure> measures) throws Exception;

    @Override
    default void close() throws Exception {
    }
}
