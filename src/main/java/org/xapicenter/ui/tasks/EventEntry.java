package org.xapicenter.ui.tasks;

import java.time.Duration;
import java.time.Instant;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.xapicenter.ui.connect.ConnectionModel;

/** One line of the Events panel: an action we started or any task the server reports (FX thread). */
public final class EventEntry {
    /** Where the work stands, as the panel shows it. */
    public enum Status {
        RUNNING("In progress"), SUCCEEDED("Completed"), FAILED("Failed"), CANCELLING("Cancelling…"),
        CANCELLED("Cancelled"), ENDED("Ended");

        private final String text;

        Status(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }

        public boolean finished() {
            return this != RUNNING && this != CANCELLING;
        }
    }

    private final ConnectionModel connection;
    private final Instant seen;
    private String taskRef;
    /** Whether the title already says what the work does (ours, or worked out from the VM). */
    boolean titled = true;
    /**
     * Whether the client itself drives the entry (a file transfer): its task's events then neither
     * change the status nor the bar, since the client's own work outlives the task (verification).
     */
    boolean clientDriven;
    private Instant started;
    private Instant finished;
    final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper("");
    final ReadOnlyStringWrapper detail = new ReadOnlyStringWrapper("");
    final ReadOnlyStringWrapper elapsed = new ReadOnlyStringWrapper("");
    final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(-1);
    final ReadOnlyBooleanWrapper cancellable = new ReadOnlyBooleanWrapper(false);
    final ReadOnlyObjectWrapper<Status> status = new ReadOnlyObjectWrapper<>(Status.RUNNING);

    EventEntry(ConnectionModel connection, String title, Instant seen) {
        this.connection = connection;
        this.seen = seen;
        this.started = seen;
        this.title.set(title);
    }

    public ConnectionModel connection() {
        return connection;
    }

    /** The task behind the entry, or null while the call that creates it is still on its way. */
    public String taskRef() {
        return taskRef;
    }

    void setTaskRef(String ref) {
        this.taskRef = ref;
    }

    public Instant started() {
        return started;
    }

    void setStarted(Instant started) {
        // A server clock ahead of ours would show a negative time: trust our own first sight then.
        this.started = started == null || started.isAfter(seen) ? seen : started;
    }

    void setFinished(Instant finished) {
        this.finished = finished;
    }

    Instant finished() {
        return finished;
    }

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    /** A second line: the failure in words, or what the task is doing. */
    public ReadOnlyStringProperty detailProperty() {
        return detail.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty elapsedProperty() {
        return elapsed.getReadOnlyProperty();
    }

    /** 0..1, or -1 while unknown (the bar then shows activity without a figure). */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty cancellableProperty() {
        return cancellable.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Status> statusProperty() {
        return status.getReadOnlyProperty();
    }

    public Status status() {
        return status.get();
    }

    public String title() {
        return title.get();
    }

    public String detail() {
        return detail.get();
    }

    public double progress() {
        return progress.get();
    }

    /** Updates the elapsed text: from start to finish, or to {@code now} while running. */
    void tick(Instant now) {
        Instant end = finished != null ? finished : status.get().finished() ? null : now;
        if (end == null) {
            return;
        }
        Duration d = Duration.between(started, end);
        elapsed.set(format(d.isNegative() ? Duration.ZERO : d));
    }

    static String format(Duration d) {
        long s = d.getSeconds();
        long h = s / 3600;
        long m = (s % 3600) / 60;
        long sec = s % 60;
        return h > 0 ? String.format("%d:%02d:%02d", h, m, sec) : String.format("%d:%02d", m, sec);
    }

    @Override
    public String toString() {
        return title.get() + " [" + status.get() + "]";
    }
}
