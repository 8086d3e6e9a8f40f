package dev.segmentation.cli;

import dev.segmentation.core.ModelFormatException;
import dev.segmentation.core.json.ModelJson;
import dev.segmentation.core.model.AbcModel;
import dev.segmentation.core.model.KMeansModel;
import dev.segmentation.core.model.MatrixModel;
import dev.segmentation.core.model.QuantileModel;
import dev.segmentation.core.model.RuleModel;
import dev.segmentation.core.model.SegmentModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reading and writing any segment model kind (the library reads any kind but writes per type). */
final class Models {

  private Models() {}

  static String write(SegmentModel model) {
    if (model instanceof KMeansModel m) {
      return ModelJson.write(m);
    } else if (model instanceof QuantileModel m) {
      return ModelJson.write(m);
    } else if (model instanceof AbcModel m) {
      return ModelJson.write(m);
    } else if (model instanceof RuleModel m) {
      return ModelJson.write(m);
    } else if (model instanceof MatrixModel m) {
      return ModelJson.write(m);
    }
    throw new IllegalStateException("No JSON form for " + model.getClass().getName());
  }

  /** Reads a model file of any kind; errors name the file (as given) and the JSON path. */
  static SegmentModel read(SegmentationCli cli, Path file) {
    String text;
    try {
      text = Files.readString(cli.resolve(file), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read model file " + file + ": " + e, e);
    }
    try {
      return ModelJson.readModel(text);
    } catch (ModelFormatException e) {
      throw new ModelFormatException(file + ": " + e.getMessage(), e.jsonPath().orElse(null), e);
    }
  }
}
