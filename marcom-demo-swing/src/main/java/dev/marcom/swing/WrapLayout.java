package dev.marcom.swing;

import java.awt.Component;
import java.awt.Container;
import java.awt.Dimension;
import java.awt.FlowLayout;
import java.awt.Insets;
import javax.swing.JComponent;
import javax.swing.SwingUtilities;

/**
 * A {@link FlowLayout} that asks for the height of all the rows it wraps into. A plain
 * FlowLayout always asks for one row, so in a narrow window its last components wrap onto a row
 * that gets no space and silently disappear (the console's phase filters did).
 */
final class WrapLayout extends FlowLayout {
    private static final long serialVersionUID = 1L;
    private Dimension lastPreferred;

    WrapLayout(int align, int hgap, int vgap) {
        super(align, hgap, vgap);
    }

    @Override
    public Dimension preferredLayoutSize(Container target) {
        return size(target, true);
    }

    @Override
    public Dimension minimumLayoutSize(Container target) {
        return size(target, false);
    }

    @Override
    public void layoutContainer(Container target) {
        super.layoutContainer(target);
        // The row count depends on the width this layout was just given: if it changed, the parent
        // has to lay out again to give this container the height it now needs.
        Dimension preferred = preferredLayoutSize(target);
        if (!preferred.equals(lastPreferred)) {
            lastPreferred = preferred;
            if (target instanceof JComponent c) {
                SwingUtilities.invokeLater(c::revalidate);
            }
        }
    }

    private Dimension size(Container target, boolean preferred) {
        synchronized (target.getTreeLock()) {
            Insets insets = target.getInsets();
            int available = target.getWidth() == 0
                    ? Integer.MAX_VALUE
                    : target.getWidth() - insets.left - insets.right - 2 * getHgap();
            int width = 0;
            int height = 0;
            int rowWidth = 0;
            int rowHeight = 0;
            for (Component c : target.getComponents()) {
                if (!c.isVisible()) {
                    continue;
                }
                Dimension d = preferred ? c.getPreferredSize() : c.getMinimumSize();
                if (rowWidth > 0 && rowWidth + getHgap() + d.width > available) {
                    width = Math.max(width, rowWidth);
                    height += rowHeight + getVgap();
                    rowWidth = 0;
                    rowHeight = 0;
                }
                rowWidth += (rowWidth > 0 ? getHgap() : 0) + d.width;
                rowHeight = Math.max(rowHeight, d.height);
            }
            width = Math.max(width, rowWidth);
            height += rowHeight;
            if (!preferred) {
                width = 0; // any width will do: the components wrap
            }
            return new Dimension(
                    width + insets.left + insets.right + 2 * getHgap(),
                    height + insets.top + insets.bottom + 2 * getVgap());
        }
    }
}
