package ai.deeplake4j.engine.index;

import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.ConstantScoreScorer;
import org.apache.lucene.search.ConstantScoreWeight;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.ScorerSupplier;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.BitSetIterator;
import org.apache.lucene.util.FixedBitSet;

/**
 * Matches a fixed set of global document numbers of one reader (a pre-filter computed by
 * {@link IdDocMap}). Valid only with the searcher it was built for; never cached.
 */
final class DocSetQuery extends Query {
    private final FixedBitSet docs;

    /** @param docs global document numbers of the searcher's reader */
    DocSetQuery(FixedBitSet docs) {
        this.docs = docs;
    }

    @Override
    public Weight createWeight(IndexSearcher searcher, ScoreMode scoreMode, float boost) {
        return new ConstantScoreWeight(this, boost) {
            @Override
            public ScorerSupplier scorerSupplier(LeafReaderContext ctx) {
                int base = ctx.docBase;
                int max = ctx.reader().maxDoc();
                FixedBitSet leaf = new FixedBitSet(max);
                int count = 0;
                for (int d = base < docs.length() ? docs.nextSetBit(base) : DocIdSetIterator.NO_MORE_DOCS;
                     d != DocIdSetIterator.NO_MORE_DOCS && d < base + max;
                     d = d + 1 < docs.length() ? docs.nextSetBit(d + 1) : DocIdSetIterator.NO_MORE_DOCS) {
                    leaf.set(d - base);
                    count++;
                }
                if (count == 0) {
                    return null;
                }
                return new DefaultScorerSupplier(new ConstantScoreScorer(score(), scoreMode, new BitSetIterator(leaf, count)));
            }

            @Override
            public boolean isCacheable(LeafReaderContext ctx) {
                return false;
            }
        };
    }

    @Override
    public void visit(QueryVisitor visitor) {
        visitor.visitLeaf(this);
    }

    @Override
    public String toString(String field) {
        return "DocSetQuery(" + docs.cardinality() + " docs)";
    }

    @Override
    public boolean equals(Object other) {
        return this == other;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }
}
