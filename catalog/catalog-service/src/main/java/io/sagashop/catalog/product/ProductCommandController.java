package io.sagashop.catalog.product;

import io.sagashop.catalog.api.AddProduct;
import io.sagashop.catalog.api.ChangeProductPrice;
import io.sagashop.catalog.api.DiscontinueProduct;
import io.sagashop.catalog.api.ProductId;
import io.sagashop.catalog.api.RestockProduct;
import io.sagashop.catalog.api.UpdateProductDetails;
import io.sagashop.catalog.product.ProductRequests.AddProductRequest;
import io.sagashop.catalog.product.ProductRequests.ProductCreated;
import io.sagashop.catalog.product.ProductRequests.RestockRequest;
import io.sagashop.catalog.product.ProductRequests.UpdateProductRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.IdentifierFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The admin's HTTP commands on products. Bodies are validated before anything is sent; the
 * aggregate validates again (other senders exist) and its DomainErrors come back as
 * problem+json through the platform.
 */
@RestController
@RequestMapping("/products")
@PreAuthorize("hasRole('ADMIN')")
class ProductCommandController {

    static final String ID_PATTERN = "[A-Za-z0-9_-]{1,64}";

    private final CommandGateway commands;

    ProductCommandController(CommandGateway commands) {
        this.commands = commands;
    }

    @PostMapping
    ResponseEntity<ProductCreated> add(@Valid @RequestBody AddProductRequest body) {
        // Time-ordered in the services (the platform's TimeOrderedIdentifierFactory).
        ProductId id = ProductId.of(IdentifierFactory.getInstance().generateIdentifier());
        commands.sendAndWait(new AddProduct(id, body.sku(), body.name(), body.description(), body.category(),
                body.price(), body.currency(), body.initialStock()));
        URI location = ServletUriComponentsBuilder.fromCurrentRequestUri().path("/{id}").buildAndExpand(id.value()).toUri();
        return ResponseEntity.created(location).body(new ProductCreated(id.value()));
    }

    /**
     * Two commands, details then price: each is a no-op when nothing changes, so a PUT that
     * failed half-way converges when it is retried.
     */
    @PutMapping("/{id}")
    ResponseEntity<Void> update(@PathVariable @Pattern(regexp = ID_PATTERN) String id,
                                @Valid @RequestBody UpdateProductRequest body) {
        ProductId productId = ProductId.of(id);
        commands.sendAndWait(new UpdateProductDetails(productId, body.name(), body.description(), body.category()));
        commands.sendAndWait(new ChangeProductPrice(productId, body.price(), body.currency()));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{id}/restock")
    ResponseEntity<Void> restock(@PathVariable @Pattern(regexp = ID_PATTERN) String id,
                                 @Valid @RequestBody RestockRequest body) {
        commands.sendAndWait(new RestockProduct(ProductId.of(id), body.quantity()));
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> discontinue(@PathVariable @Pattern(regexp = ID_PATTERN) String id) {
        commands.sendAndWait(new DiscontinueProduct(ProductId.of(id)));
        return ResponseEntity.noContent().build();
    }
}
