package io.gatehouse.serving;

import ai.onnxruntime.TensorInfo.OnnxTensorType;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The tensor element types served, named as the Open Inference Protocol names them, with TF Serving's names. */
public enum Datatype {
    BOOL(OnnxTensorType.ONNX_TENSOR_ELEMENT_DATA_TYPE_BOOL, "DT_BOOL"),
    INT32(OnnxTensorType.ONNX_TENSOR_ELEMENT_DATA_TYPE_INT32, "DT_INT32"),
    INT64(OnnxTensorType.ONNX_TENSOR_ELEMENT_DATA_TYPE_INT64, "DT_INT64"),
    FP32(OnnxTensorType.ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT, "DT_FLOAT"),
    FP64(OnnxTensorType.ONNX_TENSOR_ELEMENT_DATA_TYPE_DOUBLE, "DT_DOUBLE"),
    BYTES(OnnxTensorType.ONNX_TENSOR_ELEMENT_DATA_TYPE_STRING, "DT_STRING");

    private final OnnxTensorType onnxType;
    private final String tfName;

    Datatype(OnnxTensorType onnxType, String tfName) {
        this.onnxType = onnxType;
        this.tfName = tfName;
    }

    public String tfName() {
        return tfName;
    }

    /** The served type of an ONNX element type; throws naming the supported ones when there is none. */
    static Datatype of(OnnxTensorType onnxType, String tensorName) {
        for (Datatype type : values()) {
            if (type.onnxType == onnxType) {
                return type;
            }
        }
        throw new IllegalArgumentException("tensor '" + tensorName + "' has element type " + onnxType
                + ", expected one of " + names());
    }

    /** The type a request names, or null when it names none of these. */
    static Datatype parse(String name) {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static String names() {
        return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
    }
}
