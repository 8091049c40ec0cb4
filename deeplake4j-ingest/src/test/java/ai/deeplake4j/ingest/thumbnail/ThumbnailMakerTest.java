package ai.deeplake4j.ingest.thumbnail;

import static ai.deeplake4j.ingest.media.MediaTestSupport.assertJpeg;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

class ThumbnailMakerTest {

    @Test
    void makesFourJpegsWhoseLongerSideIsTheRequestedSizeWithAspectKept() throws Exception {
        BufferedImage wide = new BufferedImage(600, 400, BufferedImage.TYPE_INT_RGB);
        List<Thumbnail> thumbs = ThumbnailMaker.defaults().make(wide);
        assertEquals(List.of(256, 128, 64, 32), thumbs.stream().map(Thumbnail::box).toList());
        for (Thumbnail t : thumbs) {
            BufferedImage img = assertJpeg(t.jpeg());
            assertEquals(t.box(), img.getWidth());
            assertEquals(Math.round(t.box() * 400.0 / 600.0), img.getHeight());
            assertEquals(t.box() + "x" + t.box(), t.dimension());
        }
    }

    @Test
    void tallAndTinySourcesAreScaledUpToTheBox() throws Exception {
        BufferedImage tall = new BufferedImage(10, 20, BufferedImage.TYPE_INT_RGB);
        for (Thumbnail t : ThumbnailMaker.defaults().make(tall)) {
            BufferedImage img = assertJpeg(t.jpeg());
            assertEquals(t.box(), img.getHeight());
            assertEquals(t.box() / 2, img.getWidth());
        }
    }

    @Test
    void transparencyIsFlattenedOnWhite() throws Exception {
        BufferedImage argb = new BufferedImage(100, 100, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = argb.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(40, 40, 20, 20); // the rest stays fully transparent
        g.dispose();
        BufferedImage img = assertJpeg(ThumbnailMaker.defaults().make(argb).getFirst().jpeg());
        Color corner = new Color(img.getRGB(2, 2));
        assertTrue(corner.getRed() > 245 && corner.getGreen() > 245 && corner.getBlue() > 245, "corner is " + corner);
        Color centre = new Color(img.getRGB(128, 128));
        assertTrue(centre.getRed() > 200 && centre.getGreen() < 60, "centre is " + centre);
    }

    @Test
    void aFailingSinkIsOnlyAWarning() {
        BufferedImage img = new BufferedImage(50, 50, BufferedImage.TYPE_INT_RGB);
        int delivered = ThumbnailMaker.defaults().emit(img, "f1", "image", (fileId, column, dim, jpeg) -> {
            throw new IllegalStateException("thumbnails table unavailable");
        });
        assertEquals(0, delivered);
    }
}
