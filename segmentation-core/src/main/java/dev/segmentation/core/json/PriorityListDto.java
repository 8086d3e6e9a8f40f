package dev.segmentation.core.json;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import dev.segmentation.core.insight.PriorityEntry;
import dev.segmentation.core.insight.PriorityList;
import java.util.ArrayList;
import java.util.List;

/**
 * Wire form of a {@link PriorityList}: the body of a {@code "priority-list"} document.
 *
 * <pre>{@code
 * {
 *   "schemaVersion": 1,
 *   "kind": "priority-list",
 *   "groupColumns": ["territory", "rep"],
 *   "entries": [
 *     {"rank": 1, "id": "C-7", "segment": "A", "groups": ["North", "Ann"], "whitespace": 1200.0,
 *      "lookalike": 87.5, "response": 1.0, "expectedValue": 1050.0, "note": ""}
 *   ]
 * }
 * }</pre>
 *
 * A factor that is missing ({@code NaN}) is written as {@code null}.
 */
@JsonPropertyOrder({"groupColumns", "entries"})
record PriorityListDto(List<String> groupColumns, List<EntryDto> entries) {

  /**
   * One entry.
   *
   * @param rank 1-based rank
   * @param id account id
   * @param segment segment id or empty
   * @param groups group labels
   * @param whitespace whitespace or {@code null}
   * @param lookalike score or {@code null}
   * @param response response factor or {@code null}
   * @param expectedValue expected value or {@code null}
   * @param note note
   */
  @JsonPropertyOrder({"rank", "id", "segment", "groups", "whitespace", "lookalike", "response",
      "expectedValue", "note"})
  record EntryDto(
      int rank,
      String id,
      String segment,
      List<String> groups,
      @JsonSetter(nulls = Nulls.SET) Double whitespace,
      @JsonSetter(nulls = Nulls.SET) Double lookalike,
      @JsonSetter(nulls = Nulls.SET) Double response,
      @JsonSetter(nulls = Nulls.SET) Double expectedValue,
      String note) {}

  static PriorityListDto from(PriorityList list) {
    List<EntryDto> entries = new ArrayList<>(list.size());
    for (PriorityEntry e : list.entries()) {
      entries.add(new EntryDto(e.rank(), e.accountId(), e.segment(), e.groups(),
          JsonPaths.nanToNull(e.whitespace()), JsonPaths.nanToNull(e.lookalike()),
          JsonPaths.nanToNull(e.response()), JsonPaths.nanToNull(e.expectedValue()), e.note()));
    }
    return new PriorityListDto(list.groupColumns(), entries);
  }

  PriorityList toDomain(String path) {
    List<PriorityEntry> out = new ArrayList<>(entries.size());
    String ep = JsonPaths.field(path, "entries");
    for (int i = 0; i < entries.size(); i++) {
      EntryDto e = entries.get(i);
      String at = JsonPaths.index(ep, i);
      out.add(JsonPaths.build(at, () -> new PriorityEntry(e.rank(), e.id(), e.segment(), e.groups(),
          JsonPaths.nullToNaN(e.whitespace()), JsonPaths.nullToNaN(e.lookalike()),
          JsonPaths.nullToNaN(e.response()), JsonPaths.nullToNaN(e.expectedValue()), e.note())));
    }
    return JsonPaths.build(path, () -> PriorityList.of(groupColumns, out));
  }
}
