package org.secc.site.testing;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.SocketFactory;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * The site controller side for tests: a second real MQTT v5 client that sends commands with a Response
 * Topic and Correlation Data, waits for the replies, and records everything it receives.
 */
public final class SiteController implements AutoCloseable {
    public record Received(String topic, String payload, boolean retained, Long expiry) {
    }

    private final MqttAsyncClient c;
    private final String replyTopic;
    private final Map<String, CompletableFuture<String>> waiting = new ConcurrentHashMap<>();
    private final AtomicLong seq = new AtomicLong();
    public final List<Received> received = new CopyOnWriteArrayList<>();

    public SiteController(String url, String clientId, String replyTopic, String user, String password, SocketFactory tls)
            throws MqttException {
        this.replyTopic = replyTopic;
        c = new MqttAsyncClient(url, clientId, new MemoryPersistence());
        c.setCallback(new MqttCallback() {
            @Override
            public void disconnected(MqttDisconnectResponse r) {
            }

            @Override
            public void mqttErrorOccurred(MqttException e) {
            }

            @Override
            public void messageArrived(String topic, MqttMessage m) {
                String body = new String(m.getPayload(), StandardCharsets.UTF_8);
                MqttProperties p = m.getProperties();
                received.add(new Received(topic, body, m.isRetained(), p == null ? null : p.getMessageExpiryInterval()));
                if (p != null && p.getCorrelationData() != null && topic.equals(replyTopic)) {
                    CompletableFuture<String> f = waiting.remove(new String(p.getCorrelationData(), StandardCharsets.UTF_8));
                    if (f != null) {
                        f.complete(body);
                    }
                }
            }

            @Override
            public void deliveryComplete(IMqttToken t) {
            }

            @Override
            public void connectComplete(boolean reconnect, String uri) {
            }

            @Override
            public void authPacketArrived(int rc, MqttProperties p) {
            }
        });
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(true);
        if (user != null) {
            o.setUserName(user);
            o.setPassword(password.getBytes(StandardCharsets.UTF_8));
        }
        if (tls != null) {
            o.setSocketFactory(tls);
        }
        c.connect(o).waitForCompletion(10_000);
        if (replyTopic != null) {
            c.subscribe(replyTopic, 1).waitForCompletion(10_000);
        }
    }

    public void subscribe(String filter) throws MqttException {
        c.subscribe(filter, 1).waitForCompletion(10_000);
    }

    /** Publishes a command and returns the future reply (matched by correlation data). */
    public CompletableFuture<String> send(String topic, byte[] payload) throws MqttException {
        String corr = "c-" + seq.incrementAndGet();
        CompletableFuture<String> f = new CompletableFuture<>();
        waiting.put(corr, f);
        MqttMessage m = new MqttMessage(payload, 1, false, null);
        MqttProperties p = new MqttProperties();
        p.setResponseTopic(replyTopic);
        p.setCorrelationData(corr.getBytes(StandardCharsets.UTF_8));
        m.setProperties(p);
        for (int attempt = 0; ; attempt++) {
            try {
                c.publish(topic, m).waitForCompletion(10_000); // one in flight: the client's window is small
                return f;
            } catch (MqttException e) {
                // Paho frees the in-flight slot a moment after the token completes
                if (e.getReasonCode() != org.eclipse.paho.mqttv5.client.MqttClientException.REASON_CODE_MAX_INFLIGHT || attempt > 2000) {
                    throw e;
                }
                try {
                    Thread.sleep(1);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    public String request(String topic, String json) throws Exception {
        return send(topic, json.getBytes(StandardCharsets.UTF_8)).get(10, TimeUnit.SECONDS);
    }

    /** Publishes without a response topic; returns the broker's acknowledgement token. */
    public IMqttToken publish(String topic, String json, boolean retained) throws MqttException {
        return c.publish(topic, json.getBytes(StandardCharsets.UTF_8), 1, retained);
    }

    public boolean isConnected() {
        return c.isConnected();
    }

    @Override
    public void close() throws MqttException {
        if (c.isConnected()) {
            c.disconnect().waitForCompletion(5000);
        }
        c.close(true);
    }
}
