package io.keyhold.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One HTTP/1.1 exchange over a plain socket, for requests no HTTP client sends: oversized or
 * repeated framing headers, unknown transfer codings, raw bytes in the request target.
 */
public final class RawHttp {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int READ_TIMEOUT_MILLIS = 30_000;

    private RawHttp() {}

    /** What came back: the status, headers by lower-case name, and the body (de-chunked). */
    public record Answer(int status, Map<String, List<String>> headers, String body) {

        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null ? null : values.get(0);
        }

        public JsonNode json() {
            return JSON.readTree(body);
        }

        public String error() {
            return json().path("error").asString();
        }

        @Override
        public String toString() {
            return status + " " + headers + " " + body;
        }
    }

    /** A request with {@code Host} and {@code Connection: close} added after the given head lines. */
    public static Answer request(int port, String requestLine, List<String> headers, byte[] body) {
        var head = new StringBuilder(requestLine).append("\r\nHost: 127.0.0.1\r\n");
        headers.forEach(header -> head.append(header).append("\r\n"));
        head.append("Connection: close\r\n\r\n");
        var bytes = new ByteArrayOutputStream();
        // Latin-1: every char of the head is sent as the one byte it stands for.
        bytes.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        bytes.writeBytes(body);
        return exchange(port, bytes.toByteArray());
    }

    /** Sends exactly these bytes and reads the answer until the server closes the connection. */
    public static Answer exchange(int port, byte[] request) {
        try (var socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            return parse(readUntilClosed(socket.getInputStream()));
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }

    /**
     * A server that answers before reading a whole request may reset the connection as it closes
     * it; what arrived before the reset is the answer.
     */
    private static byte[] readUntilClosed(InputStream in) throws IOException {
        var answer = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int read; (read = in.read(buffer)) >= 0; ) {
                answer.write(buffer, 0, read);
            }
        } catch (SocketException reset) {
            if (answer.size() == 0) {
                throw reset;
            }
        }
        return answer.toByteArray();
    }

    private static Answer parse(byte[] raw) {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int endOfHead = text.indexOf("\r\n\r\n");
        if (endOfHead < 0) {
            throw new IllegalStateException("No complete answer: " + text);
        }
        String[] lines = text.substring(0, endOfHead).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.computeIfAbsent(lines[i].substring(0, colon).toLowerCase(Locale.ROOT), name -> new ArrayList<>())
                    .add(lines[i].substring(colon + 1).strip());
        }
        String body = text.substring(endOfHead + 4);
        List<String> coding = headers.get("transfer-encoding");
        if (coding != null && coding.contains("chunked")) {
            body = dechunk(body);
        }
        return new Answer(
                status, headers, new String(body.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
    }

    private static String dechunk(String chunked) {
        var body = new StringBuilder();
        int at = 0;
        while (true) {
            int endOfSize = chunked.indexOf("\r\n", at);
            int size = Integer.parseInt(
                    chunked.substring(at, endOfSize).split(";")[0].strip(), 16);
            if (size == 0) {
                return body.toString();
            }
            body.append(chunked, endOfSize + 2, endOfSize + 2 + size);
            at = endOfSize + 2 + size + 2;
        }
    }
}
