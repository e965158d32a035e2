package io.sagashop.catalog.search;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

interface ProductEntryRepository extends JpaRepository<ProductEntry, String>,
        JpaSpecificationExecutor<ProductEntry> {
}
