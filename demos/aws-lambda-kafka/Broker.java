import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The two brokers the talk weighs: a queue (as SQS) and a partitioned log (as Kafka/MSK). */
final class Broker {
    private Broker() {}

    record Message(long order, String key, String value, long producedMs) {
    }

    /**
     * A partitioned log: appends go to a partition chosen by the key (Kafka's default partitioner,
     * murmur2 of the key bytes), nothing is removed on read, and each consumer group keeps its own
     * committed offset per partition (the offset of the next record it will read).
     */
    static final class Log {
        final int partitions;
        private final List<List<Message>> parts = new ArrayList<>();
        private final Map<String, long[]> committed = new LinkedHashMap<>();

        Log(int partitions) {
            this.partitions = partitions;
            for (int i = 0; i < partitions; i++) parts.add(new ArrayList<>());
        }

        static int partitionFor(String key, int partitions) {
            return (murmur2(key.getBytes(StandardCharsets.UTF_8)) & 0x7fffffff) % partitions;
        }

        synchronized int append(Message m) {
            int p = partitionFor(m.key(), partitions);
            parts.get(p).add(m);
            return p;
        }

        /** A group that has never committed starts at the earliest offset (auto.offset.reset=earliest). */
        synchronized void join(String group) {
            committed.putIfAbsent(group, new long[partitions]);
        }

        synchronized List<Message> read(String group, int partition, int max) {
            long from = committed.get(group)[partition];
            List<Message> p = parts.get(partition);
            int end = (int) Math.min(p.size(), from + max);
            return from >= end ? List.of() : List.copyOf(p.subList((int) from, end));
        }

        synchronized void commit(String group, int partition, long nextOffset) {
            long[] c = committed.get(group);
            if (nextOffset > c[partition]) c[partition] = nextOffset;
        }

        synchronized long endOffset(int partition) {
            return parts.get(partition).size();
        }

        synchronized long committed(String group, int partition) {
            return committed.get(group)[partition];
        }

        synchronized long lag(String group, int partition) {
            return endOffset(partition) - committed(group, partition);
        }

        synchronized long lag(String group) {
            long lag = 0;
            for (int p = 0; p < partitions; p++) lag += lag(group, p);
            return lag;
        }

        /** Kafka's {@code Utils.murmur2}, as its default partitioner hashes a record's key. */
        static int murmur2(byte[] data) {
            int length = data.length;
            final int m = 0x5bd1e995;
            final int r = 24;
            int h = 0x9747b28c ^ length;
            int length4 = length / 4;
            for (int i = 0; i < length4; i++) {
                int i4 = i * 4;
                int k = (data[i4] & 0xff) + ((data[i4 + 1] & 0xff) << 8) + ((data[i4 + 2] & 0xff) << 16) + ((data[i4 + 3] & 0xff) << 24);
                k *= m;
                k ^= k >>> r;
                k *= m;
                h *= m;
                h ^= k;
            }
            switch (length % 4) {
                case 3:
                    h ^= (data[(length & ~3) + 2] & 0xff) << 16;
                case 2:
                    h ^= (data[(length & ~3) + 1] & 0xff) << 8;
                case 1:
                    h ^= data[length & ~3] & 0xff;
                    h *= m;
                default:
            }
            h ^= h >>> 13;
            h *= m;
            h ^= h >>> 15;
            return h;
        }
    }

    /**
     * A queue with SQS's semantics: a receive hides up to {@code max} visible messages for the visibility
     * timeout and hands out a receipt handle for each; a delete with the latest handle removes the message;
     * one not deleted in time becomes visible again and is delivered once more, until its receive count
     * passes the redrive policy's {@code maxReceiveCount} and it moves to the dead-letter queue. Whoever
     * receives a message takes it from everyone else: there are no consumer groups.
     */
    static final class Queue {
        private final long visibilityMs;
        private final ArrayDeque<Long> visible = new ArrayDeque<>();
        private final Map<Long, Entry> messages = new HashMap<>();
        static final int MAX_RECEIVE_COUNT = 5;
        private long receipts;
        long redeliveries;
        long deadLettered;

        private static final class Entry {
            final Message message;
            long invisibleUntil;
            long receipt;
            int receiveCount;

            Entry(Message message) {
                this.message = message;
            }
        }

        record Received(Message message, long receipt, int receiveCount) {
        }

        Queue(long visibilityMs) {
            this.visibilityMs = visibilityMs;
        }

        synchronized void send(Message m) {
            messages.put(m.order(), new Entry(m));
            visible.addLast(m.order());
        }

        synchronized List<Received> receive(int max, long nowMs) {
            // messages whose visibility timeout ran out go back to the front, to be received again
            for (Entry e : messages.values()) {
                if (e.invisibleUntil != 0 && e.invisibleUntil <= nowMs) {
                    e.invisibleUntil = 0;
                    visible.addFirst(e.message.order());
                }
            }
            List<Received> out = new ArrayList<>();
            while (out.size() < max && !visible.isEmpty()) {
                Entry e = messages.get(visible.pollFirst());
                if (e == null) continue;
                if (e.receiveCount >= MAX_RECEIVE_COUNT) {
                    messages.remove(e.message.order());
                    deadLettered++;
                    continue;
                }
                e.invisibleUntil = nowMs + visibilityMs;
                e.receipt = ++receipts;
                e.receiveCount++;
                if (e.receiveCount > 1) redeliveries++;
                out.add(new Received(e.message, e.receipt, e.receiveCount));
            }
            return out;
        }

        /** DeleteMessage: only the most recent receipt handle deletes (an older one is stale). */
        synchronized boolean delete(long order, long receipt) {
            Entry e = messages.get(order);
            if (e == null || e.receipt != receipt) return false;
            messages.remove(order);
            return true;
        }

        /** ApproximateNumberOfMessages plus ...NotVisible: everything not yet deleted. */
        synchronized long depth() {
            return messages.size();
        }
    }
}
