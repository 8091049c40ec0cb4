package ai.deeplake4j.ingest.video;

import java.awt.image.BufferedImage;

/**
 * A segment cut out of a video.
 *
 * @param segment the planned cut
 * @param mp4     the segment as a standalone MP4 file's bytes
 * @param frame   its first frame, longer side {@value FfmpegArgs#FRAME_BOX} px, or null when
 *                no frame could be decoded
 */
record CutSegment(Segment segment, byte[] mp4, BufferedImage frame) {
}
