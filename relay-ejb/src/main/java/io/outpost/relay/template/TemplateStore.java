package io.outpost.relay.template;

import io.outpost.api.tenant.TenantId;
import io.outpost.relay.schema.UniqueViolation;
import io.outpost.relay.tenant.ConflictException;
import io.outpost.relay.tenant.NoSuchEntryException;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * A tenant's templates, every version kept: saving adds the next version, so a message names exactly what it was sent
 * with. Every method takes the tenant, and no query reads another's. Each public method is one transaction.
 */
@Stateless
public class TemplateStore {

    /** Versions per template at most: each is a row the tenant can ask for by number. */
    public static final int MAX_VERSIONS = 1_000;

    @PersistenceContext(unitName = "outpost")
    private EntityManager em;

    private final Clock clock = Clock.systemUTC();

    /**
     * Saves {@code content} as the next version of the tenant's template {@code name} (version 1 for a new name), once
     * it compiles. Two saves of one name at once meet at the unique (tenant, name, version): one of them fails.
     *
     * @throws TemplateException if a part is not a template this renders
     * @throws ConflictException past {@link #MAX_VERSIONS}
     */
    public TemplateVersion save(TenantId tenant, TemplateName name, TemplateContent content)
            throws TemplateException, ConflictException {
        return save(tenant, name, content, FilesOfNewVersion.NONE);
    }

    /**
     * As {@link #save(TenantId, TemplateName, TemplateContent)}, with the files the new version carries: the given
     * ones, or the newest version's, copied in the same transaction.
     *
     * @throws ConflictException past {@link TemplateFile#MAX_FILES} or {@link TemplateFile#MAX_TOTAL_BYTES}, or when a
     *     file to keep is not among the newest version's
     */
    public TemplateVersion save(TenantId tenant, TemplateName name, TemplateContent content, FilesOfNewVersion files)
            throws TemplateException, ConflictException {
        CompiledTemplate.of(content);
        int latest = latestVersion(tenant, name).orElse(0);
        if (latest >= MAX_VERSIONS) {
            throw new ConflictException("name", "template " + name + " has " + MAX_VERSIONS + " versions already");
        }
        List<TemplateFile> carried = files.resolve(latest == 0 ? List.of() : files(tenant, name, latest));
        StoredTemplate stored = new StoredTemplate(tenant, name, latest + 1, content, clock.instant());
        try {
            em.persist(stored);
            em.flush();
            for (int i = 0; i < carried.size(); i++) {
                em.persist(new StoredTemplateFile(stored.id(), i, carried.get(i)));
            }
            em.flush();
        } catch (PersistenceException e) {
            if (!UniqueViolation.causedIn(e)) {
                throw e;
            }
            // Another request saved the same version first; this transaction is rolled back, nothing half-saved.
            throw new ConflictException("name", "template " + name + " was saved by another request at the same time");
        }
        return stored.view();
    }

    /** The newest version of each of the tenant's templates, by name. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<TemplateVersion> latest(TenantId tenant) {
        return em.createQuery(
                        "SELECT t FROM StoredTemplate t WHERE t.tenantId = :tenant AND t.version = (SELECT MAX(u.version)"
                                + " FROM StoredTemplate u WHERE u.tenantId = t.tenantId AND u.name = t.name) ORDER BY"
                                + " t.name",
                        StoredTemplate.class)
                .setParameter("tenant", tenant)
                .getResultStream()
                .map(StoredTemplate::view)
                .toList();
    }

    /** Every version of the tenant's template, oldest first; empty if it has none of that name. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<TemplateVersion> versions(TenantId tenant, TemplateName name) {
        return em.createQuery(
                        "SELECT t FROM StoredTemplate t WHERE t.tenantId = :tenant AND t.name = :name ORDER BY"
                                + " t.version",
                        StoredTemplate.class)
                .setParameter("tenant", tenant)
                .setParameter("name", name.value())
                .getResultStream()
                .map(StoredTemplate::view)
                .toList();
    }

    /** The version asked for, or the newest when none is. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public TemplateVersion find(TenantId tenant, TemplateName name, Optional<Integer> version)
            throws NoSuchEntryException {
        Optional<Integer> wanted = version.or(() -> latestVersion(tenant, name));
        return wanted.flatMap(v -> em.createQuery(
                                "SELECT t FROM StoredTemplate t WHERE t.tenantId = :tenant AND t.name = :name AND"
                                        + " t.version = :version",
                                StoredTemplate.class)
                        .setParameter("tenant", tenant)
                        .setParameter("name", name.value())
                        .setParameter("version", v)
                        .getResultStream()
                        .findFirst())
                .map(StoredTemplate::view)
                .orElseThrow(() -> new NoSuchEntryException("no template " + name
                        + version.map(v -> " version " + v).orElse("")));
    }

    /** The files the tenant's template version carries, in order; none for a version that has none or is not there. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<TemplateFile> files(TenantId tenant, TemplateName name, int version) {
        return em.createQuery(
                        "SELECT f FROM StoredTemplateFile f, StoredTemplate t WHERE f.templateId = t.id AND t.tenantId"
                                + " = :tenant AND t.name = :name AND t.version = :version ORDER BY f.position",
                        StoredTemplateFile.class)
                .setParameter("tenant", tenant)
                .setParameter("name", name.value())
                .setParameter("version", version)
                .getResultStream()
                .map(StoredTemplateFile::view)
                .toList();
    }

    /** Deletes every version of the tenant's template; messages sent with it keep what they were sent as. */
    public int delete(TenantId tenant, TemplateName name) throws NoSuchEntryException {
        // Their files first: a JPQL bulk delete does not cascade (the foreign key's ON DELETE CASCADE would, but the
        // persistence context must not keep them either).
        em.createQuery("DELETE FROM StoredTemplateFile f WHERE f.templateId IN (SELECT t.id FROM StoredTemplate t"
                        + " WHERE t.tenantId = :tenant AND t.name = :name)")
                .setParameter("tenant", tenant)
                .setParameter("name", name.value())
                .executeUpdate();
        int deleted = em.createQuery("DELETE FROM StoredTemplate t WHERE t.tenantId = :tenant AND t.name = :name")
                .setParameter("tenant", tenant)
                .setParameter("name", name.value())
                .executeUpdate();
        if (deleted == 0) {
            throw new NoSuchEntryException("no template " + name);
        }
        return deleted;
    }

    private Optional<Integer> latestVersion(TenantId tenant, TemplateName name) {
        Integer latest = em.createQuery(
                        "SELECT MAX(t.version) FROM StoredTemplate t WHERE t.tenantId = :tenant AND t.name = :name",
                        Integer.class)
                .setParameter("tenant", tenant)
                .setParameter("name", name.value())
                .getSingleResult();
        return Optional.ofNullable(latest);
    }
}
