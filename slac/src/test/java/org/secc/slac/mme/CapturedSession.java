package org.secc.slac.mme;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** The 37 frames of {@code /vectors/slac/slac-session.txt}: header line and Ethernet bytes. */
public final class CapturedSession {
    public record Entry(String header, String fields, byte[] frame) {
    }

    private CapturedSession() {
    }

    public static List<Entry> load() throws IOException {
        String text;
        try (InputStream in = CapturedSession.class.getResourceAsStream("/vectors/slac/slac-session.txt")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<Entry> out = new ArrayList<>();
        String header = null;
        String fields = "";
        for (String line : text.split("\n")) {
            String t = line.trim();
            if (t.startsWith("#0")) {
                header = t;
                fields = "";
            } else if (t.startsWith("hex:")) {
                out.add(new Entry(header, fields, HexFormat.of().parseHex(t.substring(4).trim())));
            } else if (header != null && !t.isEmpty() && !t.startsWith("#")) {
                fields = t;
            }
        }
        return out;
    }
}
