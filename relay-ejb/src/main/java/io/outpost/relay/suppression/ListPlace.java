package io.outpost.relay.suppression;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** Where on the lists an entry or a change is: its scope's tenant and stream ('' for every; {@code bulk:<topic>} for a
 * topic's list) and its target. */
@Embeddable
class ListPlace {

    @Column(name = "tenant_id", length = 63, nullable = false, updatable = false)
    private String tenantId;

    @Column(name = "stream", length = 60, nullable = false, updatable = false)
    private String stream;

    @Column(name = "target", length = SuppressionTarget.MAX_LENGTH, nullable = false, updatable = false)
    private String target;

    protected ListPlace() {}

    ListPlace(SuppressionScope scope, SuppressionTarget target) {
        this.tenantId = scope.tenantKey();
        this.stream = scope.streamKey();
        this.target = target.value();
    }

    SuppressionScope scope() {
        return SuppressionScope.of(tenantId, stream);
    }

    SuppressionTarget target() {
        return new SuppressionTarget(target);
    }
}
