package dev.marcom.swing;

import java.awt.Dimension;
import java.awt.Rectangle;

/**
 * Where the GUI tests put the server and client windows on the screen they get: side by side
 * when both fit at a usable width (1280 pixels and up), otherwise both over the whole screen, the
 * one being driven brought to the front (the robot clicks screen coordinates, so whatever it
 * clicks must be on screen and on top).
 */
record TwoWindowLayout(Rectangle server, Rectangle client, boolean overlapping) {
    /** The size the windows get on a large screen. */
    static final Dimension PREFERRED = new Dimension(1000, 680);

    static final Dimension MINIMUM = MainWindow.MINIMUM_SIZE;
    private static final int GAP = 10;

    TwoWindowLayout {
        server = new Rectangle(server);
        client = new Rectangle(client);
    }

    static TwoWindowLayout on(Rectangle screen) {
        int height = Math.min(PREFERRED.height, screen.height);
        int half = (screen.width - GAP) / 2;
        if (half >= MINIMUM.width) {
            int width = Math.min(PREFERRED.width, half);
            return new TwoWindowLayout(
                    new Rectangle(screen.x, screen.y, width, height),
                    new Rectangle(screen.x + width + GAP, screen.y, width, height),
                    false);
        }
        Rectangle whole = new Rectangle(screen.x, screen.y, Math.min(PREFERRED.width, screen.width), height);
        return new TwoWindowLayout(whole, whole, true);
    }

    /** Whether a window of the minimum size fits on the screen at all. */
    static boolean fits(Rectangle screen) {
        return screen.width >= MINIMUM.width && screen.height >= MINIMUM.height;
    }

    @Override
    public Rectangle server() {
        return new Rectangle(server);
    }

    @Override
    public Rectangle client() {
        return new Rectangle(client);
    }
}
