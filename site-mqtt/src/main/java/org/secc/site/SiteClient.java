package org.secc.site;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;

/**
 * The MQTT v5 edge of the site interface (Eclipse Paho): connects (MQTTS with a client certificate or
 * username/password), keeps a retained online state with a last will, subscribes to
 * {@code <prefix>/cmd/+}, answers each command on its Response Topic with its Correlation Data, and
 * publishes telemetry planned by {@link TelemetryPlanner}. One worker thread does all the work; Paho's
 * threads only hand messages over. Reconnects with back-off ({@code mqtt.reconnect_min_s} doubling to
 * {@code mqtt.reconnect_max_s}), also when the first connection fails.
 */
public final class SiteClient implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(SiteClient.class.getName());
    /** Commands waiting for the worker; beyond this a command is refused (the queue never grows unbounded). */
    static final int MAX_PENDING = 1024;
    /** QoS 1 publications in flight; below the broker's default receive maximum. */
    static final int IN_FLIGHT = 16;

    private final SiteConfig cfg;
    private final SitePort port;
    private final LongSupplier nanos;
    private final Clock wall;
    private final MqttAsyncClient client;
    private final MqttConnectionOptions options;
    private final ScheduledExecutorService worker;
    private final TelemetryPlanner planner;
    private final Semaphore inFlight = new Semaphore(IN_FLIGHT);
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong commands = new AtomicLong();
    private volatile boolean open = true;
    private volatile boolean connected;
    private int backoffS;

    public SiteClient(SiteConfig cfg, SitePort port, LongSupplier nanos, Clock wall) throws MqttException {
        this.cfg = cfg;
        this.port = port;
        this.nanos = nanos;
        this.wall = wall;
        this.planner = new TelemetryPlanner(cfg);
        this.client = new MqttAsyncClient(cfg.url(), cfg.clientId(), new MemoryPersistence());
        this.options = options(cfg);
        this.worker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "site-mqtt");
            t.setDaemon(true);
            return t;
        });
        client.setCallback(new Callback());
    }

    private static MqttConnectionOptions options(SiteConfig cfg) {
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(false);
        o.setSessionExpiryInterval(300L); // QoS 1 commands survive a short drop
        o.setAutomaticReconnect(true);
        o.setAutomaticReconnectDelay(cfg.reconnectMinS(), cfg.reconnectMaxS());
        o.setKeepAliveInterval(10);
        o.setConnectionTimeout(10);
        o.setMaximumPacketSize(64L * 1024); // the broker drops anything larger before it reaches us
        if (cfg.username() != null) {
            o.setUserName(cfg.username());
            o.setPassword(cfg.password().getBytes(StandardCharsets.UTF_8));
        }
        if (cfg.tls()) {
            try {
                o.setSocketFactory(PemTls.context(cfg.caFile(), cfg.certFile(), cfg.keyFile()).getSocketFactory());
            } catch (java.io.IOException | java.security.GeneralSecurityException e) {
                throw new SiteConfig.Invalid(List.of("mqtt.tls: " + e.getMessage()));
            }
        }
        MqttMessage will = new MqttMessage("false".getBytes(StandardCharsets.UTF_8), 1, true, null);
        o.setWill(cfg.prefix() + "/online", will);
        MqttProperties wp = new MqttProperties();
        wp.setWillDelayInterval(cfg.willDelayS()); // a short reconnect does not flap the online state
        wp.setPayloadFormat(true);
        o.setWillMessageProperties(wp);
        return o;
    }

    /** Starts connecting (in the background) and the telemetry tick; the broker is "down" until connected. */
    public void start() {
        port.link(false);
        worker.execute(this::connect);
        worker.scheduleWithFixedDelay(this::tick, cfg.intervalMs(), Math.min(cfg.intervalMs(), 1000), TimeUnit.MILLISECONDS);
    }

    public boolean isConnected() {
        return connected;
    }

    /** Telemetry messages handed to the broker (acknowledged on QoS 1). */
    public long publishedCount() {
        return published.get();
    }

    public long commandCount() {
        return commands.get();
    }

    private void connect() {
        if (!open || client.isConnected()) {
            return;
        }
        try {
            client.connect(options).waitForCompletion(15_000);
            backoffS = 0;
        } catch (MqttException e) {
            // Paho's automatic reconnect starts only after a first success: until then back off here.
            backoffS = backoffS == 0 ? cfg.reconnectMinS() : Math.min(cfg.reconnectMaxS(), backoffS * 2);
            LOG.warning("MQTT connect to " + cfg.url() + " failed (" + reason(e) + "); retrying in " + backoffS + " s");
            if (open) {
                worker.schedule(this::connect, backoffS, TimeUnit.SECONDS);
            }
        }
    }

    private static String reason(MqttException e) {
        String m = e.getMessage();
        Throwable c = e.getCause();
        return (m == null ? "code " + e.getReasonCode() : m) + (c == null ? "" : ": " + c.getMessage());
    }

    private void onConnected(boolean reconnect) {
        connected = true;
        try {
            client.subscribe(cfg.prefix() + "/cmd/+", 1);
            publish(cfg.prefix() + "/online", "true".getBytes(StandardCharsets.UTF_8), true, 0, null, null);
        } catch (MqttException e) {
            LOG.warning("MQTT subscribe/online after connect failed: " + reason(e));
        }
        planner.reset();
        port.link(true);
        LOG.info("MQTT " + (reconnect ? "reconnected" : "connected") + " to " + cfg.url() + " as " + cfg.clientId() + ", prefix "
                + cfg.prefix());
    }

    private void tick() {
        if (!connected) {
            return;
        }
        try {
            for (Publication p : planner.plan(port.telemetry(), nanos.getAsLong(), wall.instant())) {
                publish(p.topic(), p.payload(), p.retained(), p.expirySeconds(), null, null);
                published.incrementAndGet();
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "telemetry failed", e);
        }
    }

    /**
     * Publishes at QoS 1. Waits for a free in-flight slot (at most 10 s) so a burst never exceeds what the
     * broker accepts; runs on the worker only.
     */
    void publish(String topic, byte[] payload, boolean retained, long expiryS, String responseTopic, byte[] correlation) {
        MqttMessage m = new MqttMessage(payload, 1, retained, null);
        MqttProperties p = new MqttProperties();
        p.setPayloadFormat(true);
        p.setContentType("application/json");
        if (expiryS > 0) {
            p.setMessageExpiryInterval(expiryS);
        }
        if (correlation != null) {
            p.setCorrelationData(correlation);
        }
        p.setUserProperties(List.of(new UserProperty("schema", "secc-site/1")));
        m.setProperties(p);
        try {
            if (!inFlight.tryAcquire(10, TimeUnit.SECONDS)) {
                LOG.warning("MQTT publish to " + topic + " dropped: no acknowledgement from the broker for 10 s");
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        for (int attempt = 0; ; attempt++) {
            try {
                publishOnce(topic, m);
                return;
            } catch (MqttException e) {
                // Paho completes a token a moment before it frees the in-flight slot: retry briefly
                if (e.getReasonCode() == org.eclipse.paho.mqttv5.client.MqttClientException.REASON_CODE_MAX_INFLIGHT && attempt < 2000) {
                    try {
                        Thread.sleep(1);
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                        inFlight.release();
                        return;
                    }
                    continue;
                }
                inFlight.release();
                LOG.fine(() -> "MQTT publish to " + topic + " failed: " + reason(e));
                return;
            }
        }
    }

    private void publishOnce(String topic, MqttMessage m) throws MqttException {
        {
            client.publish(topic, m, null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken t) {
                    inFlight.release();
                }

                @Override
                public void onFailure(IMqttToken t, Throwable e) {
                    inFlight.release();
                    LOG.fine(() -> "MQTT publish to " + topic + " failed: " + e);
                }
            });
        }
    }

    /** Queues one publication on the worker (QoS 1, the same path as telemetry); for bursts and tests. */
    void submit(Publication p) {
        worker.execute(() -> {
            publish(p.topic(), p.payload(), p.retained(), p.expirySeconds(), null, null);
            published.incrementAndGet();
        });
    }

    /** A command arrived (Paho's thread): hand it to the worker, never block here. */
    private void arrived(String topic, MqttMessage msg) {
        MqttProperties props = msg.getProperties();
        String responseTopic = props == null ? null : props.getResponseTopic();
        byte[] correlation = props == null ? null : props.getCorrelationData();
        byte[] payload = msg.getPayload();
        if (pending.incrementAndGet() > MAX_PENDING) {
            pending.decrementAndGet();
            LOG.warning("MQTT command on " + topic + " refused: " + MAX_PENDING + " commands already waiting");
            return;
        }
        worker.execute(() -> {
            pending.decrementAndGet();
            handle(topic, payload, responseTopic, correlation);
        });
    }

    private void handle(String topic, byte[] payload, String responseTopic, byte[] correlation) {
        commands.incrementAndGet();
        String verb = topic.substring(topic.lastIndexOf('/') + 1);
        SiteReply reply;
        try {
            SiteCommand c = CommandCodec.decode(verb, payload);
            reply = port.execute(c);
        } catch (CommandCodec.BadCommand bad) {
            reply = SiteReply.rejected(bad.id(), bad.getMessage());
            LOG.warning("MQTT command on " + CommandCodec.shorten(topic) + " refused: " + bad.getMessage());
        } catch (RuntimeException e) {
            reply = SiteReply.rejected(null, "internal error: " + e);
            LOG.log(Level.WARNING, "MQTT command on " + topic + " failed", e);
        }
        // Replies go to the Response Topic; without one only refusals are reported, on <prefix>/reply.
        String to = responseTopic != null && !responseTopic.isEmpty() && !responseTopic.contains("+") && !responseTopic.contains("#")
                ? responseTopic : reply.accepted() ? null : cfg.prefix() + "/reply";
        if (to != null && connected) {
            publish(to, CommandCodec.encodeReply(reply), false, 60, null, correlation);
        }
    }

    private final class Callback implements MqttCallback {
        @Override
        public void disconnected(MqttDisconnectResponse r) {
            connected = false;
            port.link(false);
            LOG.warning("MQTT connection to " + cfg.url() + " lost: " + r.getReasonString() + " " + r.getException()
                    + "; reconnecting with back-off");
        }

        @Override
        public void mqttErrorOccurred(MqttException e) {
            LOG.warning("MQTT error: " + reason(e));
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            arrived(topic, message);
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
            // acknowledged publications release their slot in the action listener
        }

        @Override
        public void connectComplete(boolean reconnect, String serverURI) {
            worker.execute(() -> onConnected(reconnect));
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
            // no enhanced authentication
        }
    }

    /** Publishes the retained offline state, disconnects and stops the worker. */
    @Override
    public void close() {
        open = false;
        try {
            worker.submit(() -> {
                if (connected) {
                    publish(cfg.prefix() + "/online", "false".getBytes(StandardCharsets.UTF_8), true, 0, null, null);
                    inFlight.tryAcquire(IN_FLIGHT, 2, TimeUnit.SECONDS); // let the queued publications drain
                }
                return null;
            }).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.fine("MQTT close: " + e);
        }
        worker.shutdownNow();
        try {
            if (client.isConnected()) {
                client.disconnect(2000).waitForCompletion(3000);
            }
        } catch (MqttException e) {
            LOG.fine("MQTT disconnect: " + reason(e));
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            LOG.fine("MQTT close: " + reason(e));
        }
        connected = false;
    }
}
