package io.outpost.web.privacy;

import io.outpost.api.mail.EmailAddress;
import io.outpost.api.tenant.TenantId;
import io.outpost.relay.json.CachedJson;
import io.outpost.relay.privacy.Erasure;
import io.outpost.relay.privacy.PersonalData;
import io.outpost.relay.privacy.StillSending;
import io.outpost.relay.tenant.ConflictException;
import io.outpost.web.problem.Problem.InvalidParam;
import io.outpost.web.problem.ProblemException;
import java.util.List;

/** The export and the erasure of one address, for one tenant's records, as both APIs answer them. */
public final class DataSubjectRequests {

    private final PersonalData data;
    private final TenantId tenant;
    private final String actor;

    /** @param actor who asks, as the ERASED event records it: {@code api-key:<id>}, {@code admin:<name>} */
    public DataSubjectRequests(PersonalData data, TenantId tenant, String actor) {
        this.data = data;
        this.tenant = tenant;
        this.actor = actor;
    }

    /** Everything held about the address, as JSON ({@link PersonalData#export}). */
    public String export(String address) {
        return data.export(tenant, address(address)).toString();
    }

    /**
     * Erases the address ({@link PersonalData#erase}) and answers what went.
     *
     * @throws ConflictException naming {@code address} while messages to it still wait in the queue
     */
    public String erase(String address) throws ConflictException {
        try {
            Erasure erasure = data.erase(tenant, address(address), actor);
            return CachedJson.createObjectBuilder()
                    .add("recipientRecords", erasure.recipients())
                    .add("messagesDeleted", erasure.messages())
                    .add("subscriptions", erasure.subscriptions())
                    .add("suppressionsKeptAsHash", erasure.suppressions())
                    .build()
                    .toString();
        } catch (StillSending e) {
            throw new ConflictException("address", e.getMessage());
        }
    }

    private static EmailAddress address(String text) {
        try {
            return EmailAddress.parse(text);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid(List.of(new InvalidParam("address", e.getMessage())));
        }
    }
}
