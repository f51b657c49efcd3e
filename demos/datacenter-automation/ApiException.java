/** An API call the server refused: its HTTP status and Kubernetes-style reason (Conflict, NotFound, AlreadyExists…). */
final class ApiException extends RuntimeException {
    final int status;
    final String reason;

    ApiException(int status, String reason, String message) {
        super(status + " " + reason + ": " + message, null, false, false);
        this.status = status;
        this.reason = reason;
    }

    boolean conflict() {
        return status == 409 && "Conflict".equals(reason);
    }

    boolean alreadyExists() {
        return status == 409 && "AlreadyExists".equals(reason);
    }

    boolean notFound() {
        return status == 404;
    }
}
