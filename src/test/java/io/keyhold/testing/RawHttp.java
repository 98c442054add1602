package io.keyhold.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketException;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One HTTP/1.1 exchange over a plain socket, for requests no HTTP client sends: oversized or
 * repeated framing headers, unknown transfer codings, raw bytes in the request target, a forged
 * {@code Host}.
 */
public final class RawHttp {

    private static final int READ_TIMEOUT_MILLIS = 30_000;

    private RawHttp() {}

    /**
     * A request with {@code Connection: close} added after the given head lines, and {@code Host}
     * too unless they name one.
     */
    public static ApiResponse request(int port, String requestLine, List<String> headers, byte[] body) {
        var head = new StringBuilder(requestLine).append("\r\n");
        if (headers.stream().noneMatch(header -> header.regionMatches(true, 0, "Host:", 0, 5))) {
            head.append("Host: 127.0.0.1\r\n");
        }
        headers.forEach(header -> head.append(header).append("\r\n"));
        head.append("Connection: close\r\n\r\n");
        var bytes = new ByteArrayOutputStream();
        // Latin-1: every char of the head is sent as the one byte it stands for.
        bytes.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        bytes.writeBytes(body);
        return exchange(port, bytes.toByteArray());
    }

    /** Sends exactly these bytes and reads the answer until the server closes the connection. */
    public static ApiResponse exchange(int port, byte[] request) {
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

    private static ApiResponse parse(byte[] raw) {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int endOfHead = text.indexOf("\r\n\r\n");
        if (endOfHead < 0) {
            throw new IllegalStateException("No complete answer: " + text);
        }
        String[] lines = text.substring(0, endOfHead).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.computeIfAbsent(lines[i].substring(0, colon).strip(), name -> new ArrayList<>())
                    .add(lines[i].substring(colon + 1).strip());
        }
        String body = text.substring(endOfHead + 4);
        List<String> coding = headers.get("transfer-encoding");
        if (coding != null && coding.contains("chunked")) {
            body = dechunk(body);
        }
        return new ApiResponse(
                status,
                HttpHeaders.of(headers, (name, value) -> true),
                new String(body.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
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
