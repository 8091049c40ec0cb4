package ai.deeplake4j.engine.search;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Keeps the {@code k} best {@link Hit}s offered to it (a bounded min-heap; O(log k) per offer).
 * Not thread-safe: use one per thread and {@link #merge} the results.
 */
public final class TopHits {
    private final int k;
    private final PriorityQueue<Hit> heap;

    /**
     * @param k how many hits to keep, at least 1
     * @throws IllegalArgumentException when {@code k < 1}
     */
    public TopHits(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, got " + k);
        }
        this.k = k;
        // The heap's head is the worst kept hit.
        this.heap = new PriorityQueue<>(Math.min(k, 1024) + 1, Hit.BEST_FIRST.reversed());
    }

    /** Offers a hit; it is kept when fewer than k are held or it beats the worst held. */
    public void offer(String id, double score) {
        if (Double.isNaN(score)) {
            return;
        }
        if (heap.size() < k) {
            heap.add(new Hit(id, score));
            return;
        }
        Hit worst = heap.peek();
        Hit candidate = new Hit(id, score);
        if (Hit.BEST_FIRST.compare(candidate, worst) < 0) {
            heap.poll();
            heap.add(candidate);
        }
    }

    /** The kept hits, best first. */
    public List<Hit> toList() {
        List<Hit> out = new ArrayList<>(heap);
        out.sort(Hit.BEST_FIRST);
        return out;
    }

    /** The best {@code k} of several best-first lists (e.g. index hits and unindexed rows), best first. */
    public static List<Hit> merge(int k, List<List<Hit>> lists) {
        TopHits top = new TopHits(k);
        for (List<Hit> list : lists) {
            for (Hit h : list) {
                top.offer(h.id(), h.score());
            }
        }
        return top.toList();
    }
}
