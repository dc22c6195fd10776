package io.landline.provider;

import java.util.List;
import javax.sql.DataSource;

/**
 * Provider keys added at run time, shared by every node through the database. Implementations
 * block: call them from a worker thread. Failures surface as {@link io.landline.storage.StorageException}.
 */
public interface ProviderKeyRepository {

    static ProviderKeyRepository jdbc(DataSource dataSource) {
        return new JdbcProviderKeyRepository(dataSource);
    }

    /** Stores {@code key}; false, changing nothing, when the team already has a key with that id. */
    boolean insert(ProviderKey key);

    /** Removes the key; false when there was none. */
    boolean delete(String team, String keyId);

    /** Every stored key, ordered by team and key id. */
    List<ProviderKey> all();
}
