package io.sagashop.platform.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code sagashop.http.*}: how much a caller may send.
 *
 * @param maxBodySize the largest request body a service reads (64 KiB by default: an order of a
 *                    hundred lines is a few KiB); a larger one is answered 413 before it is read
 */
@ConfigurationProperties("sagashop.http")
public record HttpLimitsProperties(@DefaultValue("64KB") DataSize maxBodySize) {
}
