package ai.deeplake4j.ingest.remote;

/**
 * The binary row-append stream of remote ingest: what a remote {@code TableWriter} sends to the
 * server for one commit (ARCHITECTURE 1.1, D7). One HTTP request body carries one commit unit;
 * the server commits it only when the closing {@link #COMMIT} frame arrives, so a broken stream
 * commits nothing.
 *
 * <pre>
 * stream  := MAGIC version:int startPosition:long columnCount:int (name:utf type:utf)* frame*
 * frame   := 'R' value*            one row, values in header column order
 *          | 'M' position:long     a mark: rows before it are kept by a later rollback to it
 *          | 'B' position:long     rollback to an earlier mark (or to startPosition)
 *          | 'C' rows:long         commit every live row; rows is the client's count, checked
 * value   := 0 (null) | 1 payload   payload by the column's storage form, big-endian:
 *            TEXT utf8 (len:int bytes), INT32 int, INT64 long, FLOAT32 float, FLOAT64 double,
 *            BOOL byte, BYTES (len:int bytes), FLOAT_LIST (n:int float*),
 *            FLOAT_MATRIX (rows:int (n:int float*)*)
 * </pre>
 */
public final class RowStreamFormat {

    /** First bytes of every stream. */
    public static final byte[] MAGIC = {'D', 'L', '4', 'J', 'R', 'O', 'W', 'S'};
    /** Format version written after the magic. */
    public static final int VERSION = 1;
    /** Media type of the request body. */
    public static final String MEDIA_TYPE = "application/x-deeplake4j-rows";

    public static final byte ROW = 'R';
    public static final byte MARK = 'M';
    public static final byte ROLLBACK = 'B';
    public static final byte COMMIT = 'C';

    private RowStreamFormat() {
    }
}
