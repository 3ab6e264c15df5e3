package dev.kinflow.common.web;

import java.util.List;

/** The shape of every paginated list: {@code {items, total, limit, offset}}. */
public record PageResponse<T>(List<T> items, long total, int limit, int offset) {
}
