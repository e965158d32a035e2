package io.sagashop.catalog.stock;

import org.springframework.data.jpa.repository.JpaRepository;

interface StockLevelEntryRepository extends JpaRepository<StockLevelEntry, String> {
}
