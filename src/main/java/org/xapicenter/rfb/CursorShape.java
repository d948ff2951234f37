package org.xapicenter.rfb;

/**
 * The pointer image the server asked us to draw locally (Cursor pseudo-encoding): ARGB with real
 * alpha (0 where the bitmask is clear), {@code hotX}/{@code hotY} the pixel that points. An empty
 * shape (width 0) means "hide the local pointer".
 */
public record CursorShape(int width, int height, int hotX, int hotY, int[] argb) {
}
