/** Thin gRPC adapters: read the incoming message, acknowledge, hand over to the responsible component; plus the interceptors every call passes. */
package io.sagashop.hub.grpc;
